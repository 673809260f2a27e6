/**
 * What a request will run on, decided before any invoice: the model (for sale, able to
 * generate, fitting in memory) and whether its prompt and max_tokens fit that model's context
 * window. A request that cannot run is refused with the reason, so nobody pays for a refusal.
 */
import { fitJob } from './context-window.ts'
import { decideModel, type ModelChoice } from './models.ts'
import { joinInputs } from './nip90/request.ts'
import type { JobInput, JobParams } from './nip90/types.ts'
import type { Settings } from './settings.ts'
import type { OllamaStatus } from './worker-api.ts'

export type JobDecision = ModelChoice

type ModelSettings = Pick<Settings, 'offeredModels' | 'defaultModel' | 'fallbackToDefaultModel'>

/** The model a job asking for `asked` runs on here, from the settings and Ollama's models. */
export const chooseModel = (
  asked: string | undefined,
  settings: ModelSettings,
  ollama: Pick<OllamaStatus, 'models' | 'unusable'>,
): ModelChoice =>
  decideModel(asked, {
    installed: ollama.models,
    offered: settings.offeredModels,
    defaultModel: settings.defaultModel,
    fallback: settings.fallbackToDefaultModel,
    unusable: ollama.unusable ?? [],
  })

export const decideJob = (
  request: { params: JobParams; inputs: readonly JobInput[] },
  settings: ModelSettings & Pick<Settings, 'numCtx' | 'maxTokensCap'>,
  ollama: Pick<OllamaStatus, 'models' | 'unusable'>,
): JobDecision => {
  const chosen = chooseModel(request.params.model, settings, ollama)
  if (!chosen.ok) return chosen
  // Event and job inputs are fetched when the job runs; the text known now is the least of it.
  const known = joinInputs(request.inputs.flatMap((i) => (i.type === 'text' ? [i.text] : [])))
  const { fit } = fitJob(chosen.value.model, known, request.params, settings)
  return fit.ok ? chosen : fit
}
