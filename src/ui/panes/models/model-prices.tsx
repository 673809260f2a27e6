import { useState } from 'react'
import { priceOf } from '../../../shared/pricing.ts'
import type { Settings } from '../../../shared/settings.ts'
import type { ModelInfo } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'

interface ModelPricesProps {
  settings: Settings
  forSale: ModelInfo[]
}

/**
 * A price per model over the defaults in Settings: a large model is not sold at a small one's
 * price. Empty boxes mean the default prices.
 */
export const ModelPrices = ({ settings, forSale }: ModelPricesProps) => {
  if (forSale.length === 0) return null
  return (
    <section className="model-prices" aria-labelledby="model-prices-title">
      <h3 id="model-prices-title">Prices per model</h3>
      <p className="field-help">
        Empty means the default: {settings.pricePerJobSats} sats per job +{' '}
        {settings.pricePer1kTokensSats} sats per 1k tokens (Settings). Quotes use the model that
        will run the job, and the announcement lists each price.
      </p>
      <div className="table-wrap">
        <table className="model-prices-table">
          <caption className="visually-hidden">Prices per model</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Per job (sats)</th>
              <th scope="col">Per 1k tokens (sats)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {forSale.map((m) => (
              <PriceRow key={m.name} model={m.name} settings={settings} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

const PriceRow = ({ model, settings }: { model: string; settings: Settings }) => {
  const { busy, error, run } = useCommand()
  const own = settings.modelPrices[model]
  const [perJob, setPerJob] = useState(own ? String(own.perJobSats) : '')
  const [per1k, setPer1k] = useState(own ? String(own.per1kTokensSats) : '')
  const [saved, setSaved] = useState<string | null>(null)
  const fallback = priceOf(settings, undefined)
  const save = async () => {
    setSaved(null)
    const r = await run('setModelPrice', { model, perJobSats: perJob, per1kTokensSats: per1k })
    if (r.ok) setSaved(perJob === '' && per1k === '' ? 'Default prices' : 'Saved')
  }
  return (
    <tr>
      <th scope="row" className="mono">
        {model}
      </th>
      <td>
        <SatsInput
          label={`Price per job for ${model} (sats)`}
          fallback={fallback.perJobSats}
          value={perJob}
          onChange={setPerJob}
        />
      </td>
      <td>
        <SatsInput
          label={`Price per 1k tokens for ${model} (sats)`}
          fallback={fallback.per1kTokensSats}
          value={per1k}
          onChange={setPer1k}
        />
      </td>
      <td className="actions">
        <button
          type="button"
          className="small"
          aria-label={`Save prices for ${model}`}
          disabled={busy}
          onClick={() => void save()}
        >
          Save
        </button>
        <span role="status" className="muted">
          {saved ?? ''}
        </span>
        {error !== null && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  )
}

/** A price in whole sats; empty means the default, shown as the placeholder. */
const SatsInput = (p: {
  label: string
  fallback: number
  value: string
  onChange: (value: string) => void
}) => (
  <input
    type="number"
    min={0}
    inputMode="numeric"
    className="price-input"
    aria-label={p.label}
    placeholder={String(p.fallback)}
    value={p.value}
    onChange={(e) => p.onChange(e.target.value)}
  />
)
