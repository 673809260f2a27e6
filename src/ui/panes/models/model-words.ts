/** What each installed model is to this provider, in words for the Models pane. */
import { canGenerate, canThink, sameModel } from '../../../shared/models.ts'
import type { ModelInfo, OllamaStatus } from '../../../shared/worker-api.ts'
import { formatBytes, formatClock } from '../../format.ts'

export interface ModelWords {
  /** Whether it can be sold at all: a model that cannot run here has no "For sale" box. */
  sellable: boolean
  /** What it can do: "can't generate text", "reasons (thinking)", "not usable on this machine". */
  ability: string
  /** Ollama's own reason, when it has one (out of memory). */
  why?: string
  /** In memory now, loading, or not: "Loaded: 1.3 GB (all on GPU) until 22:40". */
  memory: string
}

const contextWords = (m: ModelInfo) =>
  m.contextLength === undefined ? '' : ` · context ${(m.contextLength / 1024).toFixed(0)}k`

export const modelWords = (
  m: ModelInfo,
  ollama: Pick<OllamaStatus, 'loaded' | 'loading' | 'unusable'>,
): ModelWords => {
  const loading = (ollama.loading ?? []).some((n) => sameModel(n, m.name))
  const loaded = (ollama.loaded ?? []).find((l) => sameModel(l.name, m.name))
  const memory = loading
    ? `Loading ${m.name}...`
    : loaded
      ? `Loaded: ${formatBytes(loaded.sizeBytes)}${
          loaded.vramBytes >= loaded.sizeBytes
            ? ' (all on GPU)'
            : loaded.vramBytes > 0
              ? ` (${formatBytes(loaded.vramBytes)} on GPU)`
              : ' (CPU)'
        } until ${formatClock(loaded.expiresAt)}`
      : 'Not loaded'
  if (!canGenerate(m)) {
    const what = m.capabilities?.includes('embedding') ? ' (embedding model)' : ''
    return { sellable: false, ability: `can't generate text${what}`, memory }
  }
  const unusable = (ollama.unusable ?? []).find((u) => sameModel(u.name, m.name))
  if (unusable) {
    return { sellable: false, ability: 'not usable on this machine', why: unusable.reason, memory }
  }
  const ability = canThink(m) ? 'generates text, reasons (thinking)' : 'generates text'
  return { sellable: true, ability: `${ability}${contextWords(m)}`, memory }
}
