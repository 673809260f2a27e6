import { useRef, useState, type FormEvent } from 'react'
import { cleanInvoice } from '../../../shared/bolt11.ts'
import { checkWithdrawInvoice } from '../../../shared/withdraw-invoice.ts'
import { ConfirmStep } from '../../components/confirm-step.tsx'
import { useCommand } from '../../components/use-command.ts'
import { useNow } from '../../components/use-now.ts'
import { InlineError } from './inline-error.tsx'
import { InvoiceFacts, payQuestion } from './invoice-facts.tsx'

/**
 * Pay a Lightning invoice from the wallet. The invoice is read as it is pasted: what it asks
 * for shows at once, and what is not an invoice is refused at once. Paying takes a second yes.
 */
export const WithdrawForm = () => {
  const [invoice, setInvoice] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [paid, setPaid] = useState<{ preimage?: string } | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const { busy, error, run } = useCommand()
  // Ticks so an invoice that expires while it sits here stops being payable.
  const now = useNow(invoice !== '', 15_000)
  const bolt11 = cleanInvoice(invoice)
  const checked = checkWithdrawInvoice(invoice, now)
  const readable = checked?.ok === true ? checked.value : null

  const ask = (e: FormEvent) => {
    e.preventDefault()
    if (readable === null || busy) return
    setPaid(null)
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
        <div className={`field${checked?.ok === false ? ' invalid' : ''}`}>
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
            aria-describedby="wallet-withdraw-help wallet-withdraw-read"
            aria-invalid={checked?.ok === false}
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
          <div id="wallet-withdraw-read" role="status" className="withdraw-read">
            {checked?.ok === false && <p className="field-error">{checked.error}</p>}
            {readable !== null && <InvoiceFacts invoice={readable} now={now} />}
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={readable === null || busy || confirming}>
            Withdraw
          </button>
        </div>
      </form>
      {confirming && readable !== null && (
        <ConfirmStep
          question={payQuestion(readable)}
          confirmLabel="Confirm withdraw"
          cancelLabel="Cancel"
          busy={busy}
          onConfirm={() => void pay()}
          onCancel={cancel}
        >
          {readable.description !== undefined && (
            <p className="break">For: “{readable.description}”</p>
          )}
          <p className="muted">
            Read from the invoice itself. Check that it is the amount you asked for where the
            invoice was made: a payment cannot be taken back.
          </p>
          {/* Scrolls when long; focusable so a keyboard can scroll it too. */}
          <p className="mono break wallet-invoice" tabIndex={0} aria-label="The invoice, in full">
            {bolt11}
          </p>
        </ConfirmStep>
      )}
      <div role="status" className="wallet-paid">
        {busy && confirming && <p className="hint">Paying...</p>}
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
