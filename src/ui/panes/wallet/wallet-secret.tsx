import { useState } from 'react'
import type { WalletKind } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { InlineError } from './inline-error.tsx'
import { SECRET_OF } from './wallet-words.ts'

/** The connected wallet's secret, fetched only when asked for and dropped again on Hide. */
export const WalletSecret = ({ kind }: { kind: WalletKind }) => {
  const [secret, setSecret] = useState<string | null>(null)
  const { busy, error, run } = useCommand()
  const { name, words, label } = SECRET_OF[kind]
  const shown = secret !== null

  const toggle = async () => {
    if (shown) {
      setSecret(null)
      return
    }
    const revealed = await run('revealSecret', name)
    if (revealed.ok) setSecret(revealed.value)
  }

  return (
    <section className="wallet-option" aria-labelledby="wallet-secret-title">
      <h3 id="wallet-secret-title">Backup</h3>
      <p className="muted">
        {kind === 'spark'
          ? 'The recovery phrase is the wallet: anyone who sees it can take the funds.'
          : 'Anyone with the connection URI can use the wallet within the limits you gave it.'}{' '}
        Reveal it only where nobody can look over your shoulder.
      </p>
      {/* One button that stays put, so keyboard focus stays on it after Hide. */}
      <button
        type="button"
        className="small"
        disabled={busy}
        aria-busy={busy}
        aria-expanded={shown}
        aria-controls="wallet-secret-value"
        onClick={() => void toggle()}
      >
        {shown ? `Hide ${words}` : `Reveal ${words}`}
      </button>
      <div id="wallet-secret-value" className="secret" hidden={!shown}>
        {shown && (
          <>
            <label htmlFor="wallet-secret-text">{label}</label>
            <textarea
              id="wallet-secret-text"
              className="mono"
              readOnly
              rows={kind === 'spark' ? 3 : 4}
              spellCheck={false}
              translate="no"
              value={secret}
            />
          </>
        )}
      </div>
      <InlineError error={error} />
    </section>
  )
}
