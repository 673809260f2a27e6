import { useRef, useState, type FormEvent } from 'react'
import { useCommand } from '../../components/use-command.ts'
import { formatSats } from '../../format.ts'
import { ConfirmStep } from '../../components/confirm-step.tsx'
import { InlineError } from './inline-error.tsx'

/** What was pasted, without a "lightning:" link prefix or stray spaces. */
const cleanInvoice = (text: string): string => text.trim().replace(/^lightning:/i, '')

/** Pay a Lightning invoice from the wallet, after a second, explicit yes. */
export const WithdrawForm = () => {
  const [invoice, setInvoice] = useState('')
  // Set once the engine has read the invoice: what the confirmation shows before paying.
  const [confirming, setConfirming] = useState<{ amountMsats: number | null } | null>(null)
  const [paid, setPaid] = useState<{ preimage?: string } | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const { busy, error, run } = useCommand()
  const bolt11 = cleanInvoice(invoice)

  const ask = async (e: FormEvent) => {
    e.preventDefault()
    if (bolt11 === '' || busy) return
    setPaid(null)
    const read = await run('readInvoice', bolt11)
    if (read.ok) setConfirming(read.value)
  }
  const cancel = () => {
    setConfirming(null)
    input.current?.focus()
  }
  const pay = async () => {
    const paying = await run('withdraw', bolt11)
    setConfirming(null)
    input.current?.focus()
    if (!paying.ok) return
    setInvoice('')
    setPaid(paying.value)
  }

  return (
    <section className="wallet-option" aria-labelledby="wallet-withdraw-title">
      <h3 id="wallet-withdraw-title">Withdraw</h3>
      <form className="wallet-form" noValidate onSubmit={(e) => void ask(e)}>
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
              setConfirming(null)
              setPaid(null)
            }}
          />
          <p id="wallet-withdraw-help" className="field-help">
            Make an invoice in the wallet you want to move sats to, and paste it here.
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={bolt11 === '' || busy || confirming !== null}>
            Withdraw
          </button>
        </div>
      </form>
      {confirming !== null && (
        <ConfirmStep
          question={
            confirming.amountMsats === null
              ? 'Pay this invoice from your wallet? It names no amount: your wallet decides.'
              : `Pay ${formatSats(confirming.amountMsats)} sats from your wallet?`
          }
          confirmLabel="Confirm withdraw"
          cancelLabel="Cancel"
          busy={busy}
          onConfirm={() => void pay()}
          onCancel={cancel}
        >
          <p className="muted">
            Read from the invoice itself. Check that it is the amount you asked for where the
            invoice was made: a payment cannot be taken back.
          </p>
          <p className="mono break wallet-invoice">{bolt11}</p>
        </ConfirmStep>
      )}
      <div role="status" className="wallet-paid">
        {busy && confirming !== null && <p className="hint">Paying...</p>}
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
