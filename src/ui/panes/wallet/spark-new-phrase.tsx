import { useState } from 'react'
import type { SparkNetwork } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { InlineError } from './inline-error.tsx'

interface NewPhraseProps {
  phrase: string
  network: SparkNetwork
  locked: boolean
  onCreated: () => void
  onCancel: () => void
}

/** A fresh recovery phrase, shown once; the wallet is made only after the person wrote it down. */
export const SparkNewPhrase = ({
  phrase,
  network,
  locked,
  onCreated,
  onCancel,
}: NewPhraseProps) => {
  const [written, setWritten] = useState(false)
  const { busy, error, run } = useCommand()
  const words = phrase.split(/\s+/).filter((w) => w !== '')

  const finish = async () => {
    const connected = await run('connectSpark', { mnemonic: phrase, network })
    if (connected.ok) onCreated()
  }

  return (
    <div
      className="recovery-box"
      role="group"
      aria-labelledby="wallet-phrase-title"
      aria-describedby="wallet-phrase-warning"
    >
      <p id="wallet-phrase-title" className="recovery-title">
        Your recovery phrase — shown only this once
      </p>
      <p id="wallet-phrase-warning">
        Write these {words.length} words on paper, in this order, and keep them somewhere private.
        Anyone who has them can take the funds. Without them the funds are lost if this
        browser&apos;s data is cleared.
      </p>
      <ol className="recovery-words mono" translate="no" aria-label="Recovery phrase words">
        {words.map((word, i) => (
          <li key={`${i}-${word}`}>{word}</li>
        ))}
      </ol>
      <label className="check">
        <input
          type="checkbox"
          checked={written}
          disabled={busy}
          onChange={(e) => setWritten(e.target.checked)}
        />
        I have written down my recovery phrase
      </label>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={!written || busy || locked}
          aria-busy={busy}
          onClick={() => void finish()}
        >
          Finish creating wallet
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        <span role="status" className="hint">
          {busy ? 'Connecting...' : ''}
        </span>
      </div>
      <InlineError error={error} />
    </div>
  )
}
