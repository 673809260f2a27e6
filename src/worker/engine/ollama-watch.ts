import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { checkOllama } from '../ollama/check.ts'
import { createShowCache } from '../ollama/show.ts'
import type { Hub } from './hub.ts'

const RECHECK_MS = { ready: 60_000, notReady: 10_000 }

const residencyOf = ({ loading, unusable }: OllamaStatus) => ({
  ...(loading ? { loading } : {}),
  ...(unusable ? { unusable } : {}),
})

export interface OllamaWatchDeps {
  hub: Pick<Hub, 'snapshot' | 'update' | 'log'>
  settings: () => Settings
  /** This app's origin, for the OLLAMA_ORIGINS advice. */
  origin: string
  /** A check found Ollama ready. */
  onReady: () => void
}

/** Ollama's status: checked now, on demand, and on a timer so what the pane says stays true. */
export const createOllamaWatch = (o: OllamaWatchDeps) => {
  let checking: AbortController | null = null
  const shows = createShowCache()
  let timer: ReturnType<typeof setTimeout> | undefined

  const refresh = async (): Promise<OllamaStatus> => {
    checking?.abort()
    const abort = (checking = new AbortController())
    clearTimeout(timer)
    const url = o.settings().ollamaUrl
    const before = o.hub.snapshot().ollama
    if (before.state !== 'ready') o.hub.update({ ollama: { ...before, state: 'checking', url } })
    const checked = await checkOllama(url, { origin: o.origin, signal: abort.signal, shows })
    if (abort.signal.aborted) return checked
    // A check that times out under load (the browser's per-host connection limit can queue it
    // behind long generations) must not wipe what we know is installed: jobs choose from it.
    const kept =
      (checked.state === 'unreachable' || checked.state === 'error') &&
      before.models.length > 0 &&
      before.url === url
        ? { ...checked, models: before.models }
        : checked
    // What the provider learnt itself (loading now, models that do not fit) outlives a check.
    const status = before.url === url ? { ...kept, ...residencyOf(o.hub.snapshot().ollama) } : kept
    if (status.state !== before.state) {
      const why = status.reason ? ` — ${status.reason}` : ''
      o.hub.log(status.state === 'ready' ? 'info' : 'warn', `Ollama: ${status.state}${why}`)
    }
    o.hub.update({ ollama: status })
    if (status.state === 'ready') o.onReady()
    const wait = status.state === 'ready' ? RECHECK_MS.ready : RECHECK_MS.notReady
    timer = setTimeout(() => void refresh(), wait)
    return status
  }

  return {
    refresh,
    stop() {
      clearTimeout(timer)
      checking?.abort()
    },
  }
}
