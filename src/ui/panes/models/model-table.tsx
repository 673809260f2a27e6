import { isOffered } from '../../../shared/models.ts'
import type { ModelInfo, OllamaStatus } from '../../../shared/worker-api.ts'
import { formatBytes } from '../../format.ts'
import { modelWords } from './model-words.ts'

interface ModelTableProps {
  models: ModelInfo[]
  offered: string[]
  /** The model jobs get when they name none (or one not for sale). */
  fallback: string | undefined
  automatic: boolean
  /** Ollama's status: its state, what is in memory, loading, or not usable here. */
  ollama: OllamaStatus
  busy: boolean
  onOffer: (name: string, on: boolean) => void
  onDelete: (model: ModelInfo) => void
  deleteButtonRef: (name: string, el: HTMLButtonElement | null) => void
}

/**
 * The models installed in Ollama, with what each is, whether it is for sale, and delete. With
 * none, a sentence instead of an empty table nine columns wide.
 */
export const ModelTable = (p: ModelTableProps) =>
  p.models.length === 0 ? (
    <p className="empty">
      {p.ollama.state === 'checking'
        ? 'Checking Ollama…'
        : 'No models installed. Pull one below to start selling.'}
    </p>
  ) : (
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
            <th scope="col">What it does</th>
            <th scope="col">In memory</th>
            <th scope="col">For sale</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.models.map((m) => {
            const words = modelWords(m, p.ollama)
            return (
              <tr key={m.name}>
                <th scope="row" className="model-name" title={m.digest}>
                  <span className="mono">{m.name}</span>
                  {m.name === p.fallback && (
                    <span className="badge">{p.automatic ? 'Default (automatic)' : 'Default'}</span>
                  )}
                </th>
                <td className="num nowrap">{formatBytes(m.sizeBytes)}</td>
                <td>{m.family ?? '—'}</td>
                <td className="nowrap">{m.parameterSize ?? '—'}</td>
                <td className="nowrap">{m.quantization ?? '—'}</td>
                <td className={words.sellable ? undefined : 'model-unsellable'}>
                  {words.ability}
                  {words.why !== undefined && <span className="muted"> ({words.why})</span>}
                </td>
                <td>{words.memory}</td>
                <td>
                  {words.sellable ? (
                    <input
                      type="checkbox"
                      className="offer-check"
                      aria-label={`Offer ${m.name} for sale`}
                      checked={isOffered(m.name, p.offered)}
                      disabled={p.busy}
                      onChange={(e) => p.onOffer(m.name, e.target.checked)}
                    />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Delete ${m.name}`}
                    ref={(el) => p.deleteButtonRef(m.name, el)}
                    onClick={() => p.onDelete(m)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
