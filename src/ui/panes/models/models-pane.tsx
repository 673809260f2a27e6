import { useAtomValue } from 'jotai'
import { useState } from 'react'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { formatBytes } from '../../format.ts'
import { snapshotAtom } from '../../state/engine-atoms.ts'
import { OLLAMA_WORDS } from '../../status-words.ts'
import { getEngine } from '../../worker-client.ts'

/** The model jobs use when they name none, or name one that is not installed. */
const defaultModelOf = ({ settings, ollama }: EngineSnapshot): string | undefined =>
  settings.defaultModel !== '' ? settings.defaultModel : ollama.models[0]?.name

/** The models installed in Ollama: what this provider can sell. */
export const ModelsPane = () => {
  const snapshot = useAtomValue(snapshotAtom)
  const [refreshing, setRefreshing] = useState(false)
  if (snapshot === null) return <EngineStarting />
  const { ollama, settings } = snapshot
  const fallback = defaultModelOf(snapshot)
  const missing = settings.defaultModel !== '' && !ollama.models.some((m) => m.name === fallback)

  const refresh = async () => {
    setRefreshing(true)
    try {
      await getEngine().checkOllama()
    } catch {
      // The engine banner says what went wrong.
    } finally {
      setRefreshing(false)
    }
  }

  return (
    <div className="stack fill">
      <div className="toolbar-row">
        <span>
          Ollama: {OLLAMA_WORDS[ollama.state].words}
          <span className="muted"> · {ollama.url}</span>
        </span>
        <button
          type="button"
          className="small"
          aria-busy={refreshing}
          onClick={() => void refresh()}
        >
          Refresh models
        </button>
      </div>
      {ollama.state !== 'ready' && ollama.reason !== undefined && (
        <p className="reason">{ollama.reason} See Sell Compute for how to fix it.</p>
      )}
      {missing && (
        <p className="reason">
          The default model {settings.defaultModel} is not installed. Install it or pick another in
          Settings.
        </p>
      )}
      <div className="table-wrap">
        <table className="models">
          <caption className="visually-hidden">Installed models</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Family</th>
              <th scope="col">Parameters</th>
              <th scope="col">Quantization</th>
              <th scope="col">Default</th>
            </tr>
          </thead>
          <tbody>
            {ollama.models.map((m) => (
              <tr key={m.name}>
                <td className="mono nowrap" title={m.digest}>
                  {m.name}
                </td>
                <td className="num nowrap">{formatBytes(m.sizeBytes)}</td>
                <td>{m.family ?? '—'}</td>
                <td>{m.parameterSize ?? '—'}</td>
                <td>{m.quantization ?? '—'}</td>
                <td className="nowrap">
                  {m.name === fallback &&
                    (settings.defaultModel === '' ? 'Default (automatic)' : 'Default')}
                </td>
              </tr>
            ))}
            {ollama.models.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {ollama.state === 'checking' ? 'Checking Ollama…' : 'No models to show.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
