import { useState, type FormEvent } from 'react'
import { useCommand } from '../../components/use-command.ts'
import { InlineError } from './inline-error.tsx'

/** Connect a Lightning wallet the person already has, through its NWC connection URI. */
export const NwcSetup = ({ locked }: { locked: boolean }) => {
  const [uri, setUri] = useState('')
  const { busy, error, run } = useCommand()
  const empty = uri.trim() === ''

  const connect = async (e: FormEvent) => {
    e.preventDefault()
    if (empty || busy || locked) return
    const connected = await run('connectNwc', uri.trim())
    if (connected.ok) setUri('')
  }

  return (
    <section className="wallet-option" aria-labelledby="wallet-nwc-title">
      <h3 id="wallet-nwc-title">Nostr Wallet Connect</h3>
      <p className="muted">
        Use a Lightning wallet you already have, through the connection URI it gives you.
      </p>
      <p className="muted">
        <strong>Recommended: a receive-only connection.</strong> When your wallet asks what the
        connection may do, allow creating invoices, looking them up, reading the balance and payment
        notifications, and leave paying (<span className="mono">pay_invoice</span>) off. Why: this
        page keeps the connection secret, and anyone who gets hold of it (a browser extension,
        another script on this site, a copied browser profile) can do whatever it allows. Without
        paying, that is issuing invoices, not spending your sats. Withdraw from your wallet app
        instead; Withdraw here needs paying allowed.
      </p>
      <form className="wallet-form" noValidate onSubmit={(e) => void connect(e)}>
        <div className={`field${error === null ? '' : ' invalid'}`}>
          <label htmlFor="wallet-nwc-uri">Nostr Wallet Connect URI</label>
          <input
            id="wallet-nwc-uri"
            type="text"
            className="mono"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            placeholder="nostr+walletconnect://…"
            aria-invalid={error !== null}
            aria-describedby={
              error === null ? 'wallet-nwc-help' : 'wallet-nwc-error wallet-nwc-help'
            }
            readOnly={busy}
            value={uri}
            onChange={(e) => setUri(e.target.value)}
          />
          <p id="wallet-nwc-help" className="field-help">
            It holds a secret: paste it only here, and keep it private.
          </p>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={empty || busy || locked}
            aria-busy={busy}
          >
            Connect
          </button>
          <span role="status" className="hint">
            {busy ? 'Connecting...' : ''}
          </span>
        </div>
        <InlineError id="wallet-nwc-error" error={error} />
      </form>
    </section>
  )
}
