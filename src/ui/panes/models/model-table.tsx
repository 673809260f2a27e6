import { isOffered } from '../../../shared/models.ts'
import type { ModelInfo, OllamaState } from '../../../shared/worker-api.ts'
import { formatBytes } from '../../format.ts'

interface ModelTableProps {
  models: ModelInfo[]
  offered: string[]
  /** The model jobs get when they name none (or one not for sale). */
  fallback: string | undefined
  automatic: boolean
  ollamaState: OllamaState
  busy: boolean
  onOffer: (name: string, on: boolean) => void
  onDelete: (model: ModelInfo) => void
  deleteButtonRef: (name: string, el: HTMLButtonElement | null) => void
}

/** The models installed in Ollama, with what each is, whether it is for sale, and delete. */
export const ModelTable = (p: ModelTableProps) => (
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
          <th scope="col">For sale</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {p.models.map((m) => (
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
            <td>
              <input
                type="checkbox"
                className="offer-check"
                aria-label={`Offer ${m.name} for sale`}
                checked={isOffered(m.name, p.offered)}
                disabled={p.busy}
                onChange={(e) => p.onOffer(m.name, e.target.checked)}
              />
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
        ))}
        {p.models.length === 0 && (
          <tr>
            <td colSpan={7} className="empty">
              {p.ollamaState === 'checking' ? 'Checking Ollama…' : 'No models installed.'}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  </div>
)
