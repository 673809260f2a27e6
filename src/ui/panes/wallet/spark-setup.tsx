import { useState } from 'react'
import type { SparkNetwork } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { InlineError } from './inline-error.tsx'
import { SparkNewPhrase } from './spark-new-phrase.tsx'
import { SparkRestore } from './spark-restore.tsx'

const NETWORKS: { value: SparkNetwork; label: string; help: string }[] = [
  { value: 'mainnet', label: 'Mainnet', help: 'real bitcoin' },
  { value: 'regtest', label: 'Regtest', help: 'Spark’s test network, no real bitcoin' },
]

type Mode = 'idle' | 'create' | 'restore'

/** Create a Spark wallet (its phrase shown once) or restore one from its phrase. */
export const SparkSetup = ({ locked }: { locked: boolean }) => {
  const [network, setNetwork] = useState<SparkNetwork>('mainnet')
  const [mode, setMode] = useState<Mode>('idle')
  // The new phrase lives here only until the wallet is made or the person cancels.
  const [phrase, setPhrase] = useState<string | null>(null)
  const making = useCommand()

  const create = async () => {
    setMode('create')
    setPhrase(null)
    const made = await making.run('newSparkMnemonic')
    if (made.ok) setPhrase(made.value)
    else setMode('idle')
  }
  const done = () => {
    setPhrase(null)
    setMode('idle')
  }

  return (
    <section className="wallet-option" aria-labelledby="wallet-spark-title">
      <h3 id="wallet-spark-title">Spark wallet</h3>
      <p className="muted">
        A self-custodial Lightning wallet kept in this browser, backed up by a recovery phrase.
      </p>
      <p className="wallet-note">
        Spark needs the internet: the wallet talks to Spark’s operators to receive and send
        payments.
      </p>
      <fieldset className="wallet-network" disabled={locked}>
        <legend>Network</legend>
        {NETWORKS.map((n) => (
          <span key={n.value} className="radio">
            <input
              type="radio"
              id={`wallet-network-${n.value}`}
              name="wallet-spark-network"
              value={n.value}
              checked={network === n.value}
              aria-describedby={`wallet-network-${n.value}-help`}
              onChange={() => setNetwork(n.value)}
            />
            <label htmlFor={`wallet-network-${n.value}`}>{n.label}</label>
            <span id={`wallet-network-${n.value}-help`} className="hint">
              ({n.help})
            </span>
          </span>
        ))}
      </fieldset>
      <div className="form-actions">
        <button
          type="button"
          disabled={locked || mode === 'create'}
          aria-busy={making.busy}
          onClick={() => void create()}
        >
          Create wallet
        </button>
        <button
          type="button"
          disabled={locked || mode === 'restore'}
          onClick={() => {
            setPhrase(null)
            setMode('restore')
          }}
        >
          Restore wallet
        </button>
      </div>
      <InlineError error={making.error} />
      {mode === 'create' && phrase !== null && (
        <SparkNewPhrase
          phrase={phrase}
          network={network}
          locked={locked}
          onCreated={done}
          onCancel={done}
        />
      )}
      {mode === 'restore' && (
        <SparkRestore network={network} locked={locked} onRestored={done} onCancel={done} />
      )}
    </section>
  )
}
