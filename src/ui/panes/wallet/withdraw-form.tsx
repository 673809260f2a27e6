import { useRef, useState, type FormEvent } from 'react'
import { useCommand } from '../../components/use-command.ts'
import { ConfirmStep } from './confirm-step.tsx'
import { InlineError } from './inline-error.tsx'

/** What was pasted, without a "lightning:" link prefix or stray spaces. */
const cleanInvoice = (text: string): string => text.trim().replace(/^lightning:/i, '')

/** Pay a Lightning invoice from the wallet, after a second, explicit yes. */
export const WithdrawForm = () => {
  const [invoice, setInvoice] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [paid, setPaid] = useState<{ preimage?: string } | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const { busy, error, run, setError } = useCommand()
  const bolt11 = cleanInvoice(invoice)

  const ask = (e: FormEvent) => {
    e.preventDefault()
    if (bolt11 === '' || busy) return
    setPaid(null)
    setError(null)
    setConfirming(true)
  }
  const cancel = () => {
    setConfirming(false)
    input.current?.focus()
  }
  const pay = async () => {
    const paying = await run('withdraw', bolt11)
    setConfirming(false)
    input.current?.focus()
    if (!paying.ok) return
    setInvoice('')
    setPaid(paying.value)
  }

  return (
    <section className="wallet-option" aria-labelledby="wallet-withdraw-title">
      <h3 id="wallet-withdraw-title">Withdraw</h3>
      <form className="wallet-form" noValidate onSubmit={ask}>
        <div className="field">
          <label htmlFor="wallet-withdraw-invoice">Lightning invoice to pay</label>
          <input
            ref={input}
            id="wallet-withdraw-invoice"
            type="text"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            placeholder="lnbc…"
            aria-describedby="wallet-withdraw-help"
            readOnly={busy}
            value={invoice}
            onChange={(e) => {
              setInvoice(e.target.value)
              setConfirming(false)
              setPaid(null)
            }}
          />
          <p id="wallet-withdraw-help" className="field-help">
            Make an invoice in the wallet you want to move sats to, and paste it here.
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={bolt11 === '' || busy || confirming}>
            Withdraw
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmStep
          question="Pay this invoice from your wallet?"
          confirmLabel="Confirm withdraw"
          cancelLabel="Cancel"
          busy={busy}
          onConfirm={() => void pay()}
          onCancel={cancel}
        >
          <p className="muted">
            The amount is whatever the invoice asks for; check it where the invoice was made. A
            payment cannot be taken back.
          </p>
          <p className="mono break wallet-invoice">{bolt11}</p>
        </ConfirmStep>
      )}
      <div role="status" className="wallet-paid">
        {busy && <p className="hint">Paying...</p>}
        {!busy && paid !== null && (
          <>
            <p className="form-status">Paid.</p>
            {paid.preimage !== undefined && (
              <p className="hint break">
                Proof of payment (preimage): <span className="mono">{paid.preimage}</span>
              </p>
            )}
          </>
        )}
      </div>
      <InlineError error={error} />
    </section>
  )
}
