import { ollamaClient } from './client.ts'
import { whileBusy } from './generate.ts'

export interface WarmInput {
  url: string
  model: string
  /** How long Ollama keeps it loaded, e.g. "30m": the same the jobs send. */
  keepAlive: string
  /** The jobs' num_ctx: a model loaded with another one is loaded again for the first job. */
  numCtx: number
  /** Loading a big model from disk can take minutes. */
  timeoutMs: number
  signal: AbortSignal
}

/**
 * Load a model into memory and keep it there: an empty prompt makes Ollama load the model
 * and answer `done_reason: "load"` without generating (server/routes.go GenerateHandler).
 * Resolves with how long it took; throws with Ollama's reason (out of memory, not found).
 */
export const warmModel = async (w: WarmInput): Promise<number> => {
  const client = ollamaClient(w.url, w.signal, w.timeoutMs)
  const started = performance.now()
  await whileBusy(
    () =>
      client.generate({
        model: w.model,
        prompt: '',
        stream: false,
        keep_alive: w.keepAlive,
        options: { num_ctx: w.numCtx },
      }),
    w.signal,
    4,
  )
  return Math.round(performance.now() - started)
}
