import { useState, type FormEvent } from 'react'
import type { SparkNetwork } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { InlineError } from './inline-error.tsx'

interface RestoreProps {
  network: SparkNetwork
  locked: boolean
  onRestored: () => void
  onCancel: () => void
}

/** Bring back a Spark wallet from its recovery phrase. */
export const SparkRestore = ({ network, locked, onRestored, onCancel }: RestoreProps) => {
  const [phrase, setPhrase] = useState('')
  const { busy, error, run } = useCommand()
  const empty = phrase.trim() === ''

  const restore = async (e: FormEvent) => {
    e.preventDefault()
    if (empty || busy || locked) return
    const connected = await run('connectSpark', { mnemonic: phrase, network })
    if (!connected.ok) return
    setPhrase('')
    onRestored()
  }

  return (
    <form className="wallet-form" noValidate onSubmit={(e) => void restore(e)}>
      <div className={`field${error === null ? '' : ' invalid'}`}>
        <label htmlFor="wallet-restore-phrase">Recovery phrase</label>
        <textarea
          id="wallet-restore-phrase"
          rows={3}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          translate="no"
          aria-invalid={error !== null}
          aria-describedby={`wallet-restore-help${error === null ? '' : ' wallet-restore-error'}`}
          readOnly={busy}
          value={phrase}
          onChange={(e) => setPhrase(e.target.value)}
        />
        <p id="wallet-restore-help" className="field-help">
          The 12 or 24 words of the wallet, in order, separated by spaces.
        </p>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={empty || busy || locked}
          aria-busy={busy}
        >
          Restore
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        <span role="status" className="hint">
          {busy ? 'Connecting...' : ''}
        </span>
      </div>
      <InlineError id="wallet-restore-error" error={error} />
    </form>
  )
}
