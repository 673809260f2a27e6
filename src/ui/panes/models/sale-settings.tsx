import { sameModel } from '../../../shared/models.ts'
import type { ModelInfo } from '../../../shared/worker-api.ts'
import type { Settings } from '../../../shared/settings.ts'
import { toForm } from '../../../shared/settings.ts'
import { useCommand } from '../../components/use-command.ts'
import { ModelOptions } from '../settings/model-options.tsx'

interface SaleSettingsProps {
  settings: Settings
  installed: ModelInfo[]
  forSale: ModelInfo[]
  fallback: ModelInfo | undefined
}

const offerWords = (installed: number, forSale: number, all: boolean): string => {
  if (all)
    return 'Every installed model is for sale (each that can generate text), including models pulled later.'
  if (forSale === 0) return 'None of the models chosen for sale is installed: jobs will fail.'
  return `${forSale} of ${installed} installed models are for sale. Jobs asking for another get the default model.`
}

/** The default model, and a sentence on what is for sale. */
export const SaleSettings = ({ settings, installed, forSale, fallback }: SaleSettingsProps) => {
  const { busy, error, run } = useCommand()
  const notForSale =
    settings.defaultModel !== '' &&
    (fallback === undefined || !sameModel(fallback.name, settings.defaultModel))

  const choose = (defaultModel: string) =>
    void run('saveSettings', { ...toForm(settings), defaultModel })

  return (
    <div className="sale-settings">
      <div className="toolbar-row">
        <label htmlFor="models-default">Default model</label>
        <select
          id="models-default"
          value={settings.defaultModel}
          disabled={busy}
          aria-describedby="models-default-help"
          onChange={(e) => choose(e.target.value)}
        >
          <ModelOptions models={installed} current={settings.defaultModel} />
        </select>
      </div>
      <p id="models-default-help" className="field-help">
        Jobs that name no model, or one not for sale here, get{' '}
        {fallback === undefined ? 'no model' : fallback.name}.
        {notForSale && ` ${settings.defaultModel} is not installed or not for sale.`}
      </p>
      <p className="hint">
        {offerWords(installed.length, forSale.length, settings.offeredModels.length === 0)}
      </p>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
