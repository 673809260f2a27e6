/**
 * Ollama as the engine runs it: its status watched (ollama-watch.ts) and the models for sale
 * loaded and kept loaded (warm-up.ts). Each check that finds Ollama ready re-announces and,
 * while online, loads the default again if Ollama unloaded it.
 */
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { createOllamaWatch, type OllamaWatchDeps } from './ollama-watch.ts'
import { createWarmUp } from './warm-up.ts'

/** `onReady`: what is announced (the models) may have changed. */
export const createOllama = (d: OllamaWatchDeps) => {
  const { hub } = d
  const watch = createOllamaWatch({
    ...d,
    onReady: () => {
      d.onReady()
      if (hub.snapshot().state === 'online') warmUp.keepWarm()
    },
  })
  const warmUp = createWarmUp({
    settings: d.settings,
    ollama: () => hub.snapshot().ollama,
    setOllama: (patch) => hub.update({ ollama: { ...hub.snapshot().ollama, ...patch } }),
    refresh: watch.refresh,
    log: hub.log,
  })
  return {
    refresh: watch.refresh,
    /** Ollama's status, checked again unless it is ready. */
    status: async (): Promise<OllamaStatus> =>
      hub.snapshot().ollama.state === 'ready' ? hub.snapshot().ollama : watch.refresh(),
    warmUp: () => warmUp.warmUp(),
    stopWarmUp: () => warmUp.stop(),
    markUnusable: (name: string, reason: string) => warmUp.markUnusable(name, reason),
    clearUnusable: () => warmUp.clearUnusable(),
    stop() {
      warmUp.stop()
      watch.stop()
    },
  }
}
