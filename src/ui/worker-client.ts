import { proxy, wrap, type Remote } from 'comlink'
import { errorText } from '../shared/result.ts'
import type { EngineApi, EngineEvent } from '../shared/worker-api.ts'
import { engineErrorAtom, jobsAtom, logAtom, snapshotAtom } from './state/engine-atoms.ts'
import { mergeJobs, mergeLog, trimJobs } from './state/merge.ts'
import { applyJobToLive, applyProgress, applyPull } from './state/live.ts'
import { liveJobsAtom, pullsAtom } from './state/live-atoms.ts'
import { applySetupLink } from './setup-link.ts'
import { watchEngine } from './engine-watch.ts'
import type { Store } from './state/store.ts'

export type Engine = Remote<EngineApi>

const JOB_HISTORY_LIMIT = 500
const SLOW_START_MS = 20_000
const SLOW_START = `The engine has not answered for ${SLOW_START_MS / 1000} s.`

let engine: Engine | undefined

/** The engine's command table, for event handlers in the panes. */
export const getEngine = (): Engine => {
  if (engine === undefined) throw new Error('The engine has not been started')
  return engine
}

/** How long events gather before the UI applies them: a burst of jobs costs one render. */
const BATCH_MS = 50

/** Apply a batch of engine events: each atom is set once, in event order where it matters. */
const apply = (store: Store, events: readonly EngineEvent[]): void => {
  let snapshot: Extract<EngineEvent, { type: 'snapshot' }>['snapshot'] | undefined
  const jobs: Extract<EngineEvent, { type: 'job' }>['job'][] = []
  const entries: Extract<EngineEvent, { type: 'log' }>['entry'][] = []
  let live = store.get(liveJobsAtom)
  let pulls = store.get(pullsAtom)
  for (const event of events) {
    switch (event.type) {
      case 'snapshot':
        snapshot = event.snapshot
        break
      case 'job':
        jobs.push(event.job)
        live = applyJobToLive(live, event.job)
        break
      case 'log':
        entries.push(event.entry)
        break
      case 'pull':
        pulls = applyPull(pulls, event)
        break
      case 'progress':
        live = applyProgress(live, event)
        break
    }
  }
  if (snapshot) store.set(snapshotAtom, snapshot)
  if (jobs.length > 0) store.set(jobsAtom, (known) => trimJobs(mergeJobs(known, jobs)))
  if (entries.length > 0) store.set(logAtom, (log) => mergeLog(log, entries))
  store.set(liveJobsAtom, live)
  store.set(pullsAtom, pulls)
}

const listen = (store: Store) => {
  let pending: EngineEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    const events = pending
    pending = []
    apply(store, events)
  }
  return (event: EngineEvent): void => {
    pending.push(event)
    timer ??= setTimeout(flush, BATCH_MS)
  }
}

const loadHistory = async (api: Engine, store: Store): Promise<void> => {
  const [jobs, log] = await Promise.all([
    api.listJobs({ limit: JOB_HISTORY_LIMIT }),
    api.recentLog(),
  ])
  // Events that arrived meanwhile are at least as new as the stored history.
  store.set(jobsAtom, (known) => mergeJobs(mergeJobs(new Map(), jobs), [...known.values()]))
  store.set(logAtom, (known) => mergeLog(log, known))
}

const connect = async (api: Engine, store: Store): Promise<void> => {
  const snapshot = await api.subscribe(proxy(listen(store)))
  if (store.get(engineErrorAtom) === SLOW_START) store.set(engineErrorAtom, null)
  // A snapshot event may already have overtaken the answer: keep the newer one.
  if (store.get(snapshotAtom) === null) store.set(snapshotAtom, snapshot)
  await Promise.all([loadHistory(api, store), applySetupLink(api, store)])
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
        // The dead engine's last snapshot is stale: show the new one's.
        store.set(snapshotAtom, await current.api.snapshot())
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
