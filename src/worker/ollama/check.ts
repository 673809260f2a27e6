import { canGenerate } from '../../shared/models.ts'
import type { ModelInfo, OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { localNetworkInit, ollamaClient } from './client.ts'
import { blockedAdvice, unreachableFix } from './origins.ts'
import { createShowCache, describeModels, listLoaded, type ShowCache } from './show.ts'

const CHECK_TIMEOUT_MS = 5000
// The Models pane pulls with one press; the command stays for those who prefer a terminal.
const FIX_NO_MODELS =
  'Pull one in the Models pane, which suggests small ones such as qwen2.5:0.5b (398 MB), or run: ollama pull qwen2.5:0.5b'

export interface CheckContext {
  /** This app's origin, for the OLLAMA_ORIGINS fix. */
  origin: string
  signal: AbortSignal
  /** What /api/show said of each model, by digest: asked once per model. */
  shows?: ShowCache
}

/**
 * Reachable, unreachable, or reachable but refusing this origin (CORS). A CORS refusal and a
 * dead port look the same to fetch, so an opaque no-cors request tells them apart.
 */
export const checkOllama = async (url: string, ctx: CheckContext): Promise<OllamaStatus> => {
  const client = ollamaClient(url, ctx.signal, CHECK_TIMEOUT_MS)
  try {
    const { version } = await client.version()
    const { models } = await client.list()
    const listed: ModelInfo[] = models.map((m) => ({
      name: m.name,
      digest: m.digest,
      sizeBytes: m.size,
      family: m.details?.family,
      parameterSize: m.details?.parameter_size,
      quantization: m.details?.quantization_level,
    }))
    const infos = await describeModels(client, listed, ctx.shows ?? createShowCache())
    // An Ollama without /api/ps (older than 0.1.33) still serves; it just cannot say.
    const loaded = await listLoaded(client).catch(() => undefined)
    const withLoaded = loaded ? { loaded } : {}
    if (infos.length === 0) {
      return {
        state: 'no-models',
        url,
        version,
        models: [],
        reason: 'Ollama is running but has no models installed.',
        fix: FIX_NO_MODELS,
      }
    }
    if (!infos.some(canGenerate)) {
      return {
        state: 'no-models',
        url,
        version,
        models: infos,
        ...withLoaded,
        reason: `Ollama has no model that can generate text (${infos.map((m) => m.name).join(', ')} can't generate text).`,
        fix: FIX_NO_MODELS,
      }
    }
    return { state: 'ready', url, version, models: infos, ...withLoaded }
  } catch (e) {
    if (ctx.signal.aborted) return { state: 'checking', url, models: [] }
    if (isTimeout(e)) {
      return {
        state: 'unreachable',
        url,
        models: [],
        reason: `No answer from ${url} within ${CHECK_TIMEOUT_MS / 1000} s.`,
        fix: unreachableFix(ctx.origin, url),
      }
    }
    if (!(e instanceof TypeError)) {
      return {
        state: 'error',
        url,
        models: [],
        reason: `Ollama answered with an error: ${errorText(e)}`,
        fix: 'Check the Ollama URL in Settings and that it points at Ollama.',
      }
    }
    if (await answersOpaquely(url, ctx.signal)) {
      return { state: 'blocked', url, models: [], ...blockedAdvice(ctx.origin, url) }
    }
    return {
      state: 'unreachable',
      url,
      models: [],
      reason: `Nothing answers at ${url}.`,
      fix: unreachableFix(ctx.origin, url),
    }
  }
}

const isTimeout = (e: unknown) => e instanceof DOMException && e.name === 'TimeoutError'

const answersOpaquely = async (url: string, signal: AbortSignal): Promise<boolean> => {
  try {
    await fetch(
      `${url}/api/version`,
      localNetworkInit(url, {
        mode: 'no-cors',
        signal: AbortSignal.any([signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]),
      }),
    )
    return true
  } catch {
    return false
  }
}
