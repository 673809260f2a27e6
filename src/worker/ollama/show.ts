/**
 * What each installed model can do (/api/show: capabilities and context length) and what is
 * in memory now (/api/ps). A model's show answer never changes for its digest, so it is kept.
 */
import type { Ollama, ShowResponse } from 'ollama/browser'
import type { LoadedModel, ModelInfo } from '../../shared/worker-api.ts'

export interface ModelFacts {
  capabilities?: string[]
  contextLength?: number
}

/** Show answers by digest, so a check every minute asks only about new models. */
export type ShowCache = Map<string, ModelFacts>

export const createShowCache = (): ShowCache => new Map()

/**
 * `model_info` is a JSON object (the client's types say Map); the context length sits under
 * the architecture's own prefix, e.g. `llama.context_length`.
 */
export const factsOf = (show: Partial<ShowResponse>): ModelFacts => {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>
  const arch = info['general.architecture']
  const length = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined
  const facts: ModelFacts = {}
  if (Array.isArray(show.capabilities))
    facts.capabilities = show.capabilities.filter((c): c is string => typeof c === 'string')
  if (typeof length === 'number' && length > 0) facts.contextLength = length
  return facts
}

/**
 * Each model with what it can do. A model Ollama would not describe keeps no capabilities
 * (it gets the benefit of the doubt) and is asked about again on the next check.
 */
export const describeModels = async (
  client: Ollama,
  models: ModelInfo[],
  cache: ShowCache,
): Promise<ModelInfo[]> =>
  Promise.all(
    models.map(async (m) => {
      let facts = cache.get(m.digest)
      if (!facts) {
        try {
          facts = factsOf(await client.show({ model: m.name }))
          cache.set(m.digest, facts)
        } catch {
          return m
        }
      }
      return { ...m, ...facts }
    }),
  )

/** What Ollama holds in memory now; an Ollama without /api/ps says nothing is. */
export const listLoaded = async (client: Ollama): Promise<LoadedModel[]> => {
  const { models } = await client.ps()
  return models.map((m) => {
    const loaded: LoadedModel = {
      name: m.name,
      sizeBytes: m.size,
      vramBytes: m.size_vram,
      expiresAt: new Date(m.expires_at).getTime(),
    }
    const ctx = (m as { context_length?: unknown }).context_length
    if (typeof ctx === 'number' && ctx > 0) loaded.contextLength = ctx
    return loaded
  })
}
