import { proxy, wrap, type Remote } from 'comlink'
import { errorText } from '../shared/result.ts'
import type { EngineApi } from '../shared/worker-api.ts'
import { engineErrorAtom, logAtom, snapshotAtom } from './state/engine-atoms.ts'
import { listenTo } from './state/engine-events.ts'
import { mergeLog } from './state/merge.ts'
import { applySetupLink } from './setup-link.ts'
import { watchEngine } from './engine-watch.ts'
import type { Store } from './state/store.ts'

export type Engine = Remote<EngineApi>

const SLOW_START_MS = 20_000
const SLOW_START = `The engine has not answered for ${SLOW_START_MS / 1000} s.`

let engine: Engine | undefined

/** The engine's command table, for event handlers in the panes. */
export const getEngine = (): Engine => {
  if (engine === undefined) throw new Error('The engine has not been started')
  return engine
}

const loadLog = async (api: Engine, store: Store): Promise<void> => {
  const log = await api.recentLog()
  // Entries that arrived meanwhile are at least as new as the stored log.
  store.set(logAtom, (known) => mergeLog(log, known))
}
const connect = async (api: Engine, store: Store): Promise<void> => {
  const events = listenTo(store)
  events.start(await api.subscribe(proxy(events.listener)))
  if (store.get(engineErrorAtom) === SLOW_START) store.set(engineErrorAtom, null)
  await Promise.all([loadLog(api, store), applySetupLink(api, store)])
}

/** One engine worker: its thread and the comlink proxy to it. */
const spawn = (store: Store): { worker: Worker; api: Engine } => {
  // The one sanctioned reference to the worker: a URL, never an import.
  const worker = new Worker(new URL('../worker/main.ts', import.meta.url), {
    type: 'module',
    name: 'sell-compute-engine',
  })
  worker.addEventListener('error', (event) => {
    const detail = event instanceof ErrorEvent && event.message !== '' ? event.message : undefined
    store.set(
      engineErrorAtom,
      store.get(snapshotAtom) === null
        ? `The engine could not start${detail ? `: ${detail}` : ''}.`
        : `The engine reported an error${detail ? `: ${detail}` : ''}.`,
    )
  })
  worker.addEventListener('messageerror', () => {
    store.set(engineErrorAtom, 'A message from the engine could not be read.')
  })
  return { worker, api: wrap<EngineApi>(worker) }
}

/** Start the engine worker and mirror what it publishes into the store. */
export const startEngine = (store: Store): Engine => {
  let current = spawn(store)
  engine = current.api
  // A worker that never answers (say, IndexedDB blocked) would otherwise look like a hang.
  window.setTimeout(() => {
    if (store.get(snapshotAtom) === null && store.get(engineErrorAtom) === null) {
      store.set(engineErrorAtom, SLOW_START)
    }
  }, SLOW_START_MS)
  // Once it has answered, a worker that goes silent is replaced; the new engine resumes the
  // jobs from the journal (and goes online again if it was).
  let trouble: string | null = null
  const watch = () =>
    watchEngine({
      ping: () => current.api.snapshot(),
      restart: async () => {
        current.worker.terminate()
        current = spawn(store)
        engine = current.api
        await connect(current.api, store)
      },
      onTrouble: (words) => {
        if (words !== null) store.set(engineErrorAtom, words)
        else if (store.get(engineErrorAtom) === trouble) store.set(engineErrorAtom, null)
        trouble = words
      },
    })
  connect(current.api, store).then(watch, (e: unknown) => {
    store.set(engineErrorAtom, `The engine did not answer: ${errorText(e)}`)
  })
  return current.api
}
