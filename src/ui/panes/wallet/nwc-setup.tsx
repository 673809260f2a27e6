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
        Use a Lightning wallet you already have, through the connection URI it gives you. Let it
        create invoices, look them up and read the balance (and pay, to withdraw from here).
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
