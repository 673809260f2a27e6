import type { ModelInfo, OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { ollamaClient } from './client.ts'

const CHECK_TIMEOUT_MS = 5000

export interface CheckContext {
  /** This app's origin, for the OLLAMA_ORIGINS fix. */
  origin: string
  signal: AbortSignal
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
    const infos: ModelInfo[] = models.map((m) => ({
      name: m.name,
      digest: m.digest,
      sizeBytes: m.size,
      family: m.details?.family,
      parameterSize: m.details?.parameter_size,
      quantization: m.details?.quantization_level,
    }))
    if (infos.length === 0) {
      return {
        state: 'no-models',
        url,
        version,
        models: [],
        reason: 'Ollama is running but has no models installed.',
        fix: 'Install one, for example: ollama pull llama3.2',
      }
    }
    return { state: 'ready', url, version, models: infos }
  } catch (e) {
    if (ctx.signal.aborted) return { state: 'checking', url, models: [] }
    if (isTimeout(e)) {
      return {
        state: 'unreachable',
        url,
        models: [],
        reason: `No answer from ${url} within ${CHECK_TIMEOUT_MS / 1000} s.`,
        fix: startFix(url),
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
      return {
        state: 'blocked',
        url,
        models: [],
        reason: `Ollama at ${url} is running but does not allow requests from this page (${ctx.origin}).`,
        fix:
          `Restart Ollama allowing this origin: OLLAMA_ORIGINS=${ctx.origin} ollama serve` +
          ` (on macOS: launchctl setenv OLLAMA_ORIGINS "${ctx.origin}", then restart the Ollama app). If the browser asks to allow access to devices on your local network, allow it.`,
      }
    }
    return {
      state: 'unreachable',
      url,
      models: [],
      reason: `Nothing answers at ${url}.`,
      fix: startFix(url),
    }
  }
}

const startFix = (url: string) =>
  `Start Ollama (ollama serve), or correct the Ollama URL in Settings (now ${url}).`

const isTimeout = (e: unknown) => e instanceof DOMException && e.name === 'TimeoutError'

const answersOpaquely = async (url: string, signal: AbortSignal): Promise<boolean> => {
  try {
    await fetch(`${url}/api/version`, {
      mode: 'no-cors',
      signal: AbortSignal.any([signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]),
    })
    return true
  } catch {
    return false
  }
}
