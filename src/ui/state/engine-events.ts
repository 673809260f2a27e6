/**
 * The engine's events, applied to the store: each atom set once per batch. The snapshot is
 * patched part by part, so the parts that did not change keep their identity and the panes
 * that show only them do not re-render.
 */
import type { JobChange } from '../../shared/job-change.ts'
import type { EngineEvent, EngineSnapshot, LogEntry } from '../../shared/worker-api.ts'
import { jobChangesAtom, lastPaidAtAtom, logAtom, snapshotAtom } from './engine-atoms.ts'
import { liveJobsAtom, pullsAtom } from './live-atoms.ts'
import { applyChangeToLive, applyProgress, applyPull } from './live.ts'
import { mergeLog } from './merge.ts'
import type { Store } from './store.ts'

export const applyEvents = (store: Store, events: readonly EngineEvent[]): void => {
  let snapshot = store.get(snapshotAtom)
  let patched: Partial<EngineSnapshot> = {}
  const changes: JobChange[] = []
  let version: number | undefined
  let paidAt = store.get(lastPaidAtAtom)
  const entries: LogEntry[] = []
  let live = store.get(liveJobsAtom)
  let pulls = store.get(pullsAtom)
  for (const event of events) {
    switch (event.type) {
      case 'slices':
        patched = { ...patched, ...event.slices }
        break
      case 'counts':
        patched = { ...patched, counts: event.counts }
        break
      case 'jobs':
        version = event.version
        for (const change of event.changes) {
          changes.push(change)
          live = applyChangeToLive(live, change)
          paidAt = Math.max(paidAt, change.paidAt ?? 0)
        }
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
  if (snapshot !== null && Object.keys(patched).length > 0) {
    snapshot = { ...snapshot, ...patched }
    store.set(snapshotAtom, snapshot)
  }
  if (version !== undefined) store.set(jobChangesAtom, { version, changes })
  store.set(lastPaidAtAtom, paidAt)
  if (entries.length > 0) store.set(logAtom, (log) => mergeLog(log, entries))
  store.set(liveJobsAtom, live)
  store.set(pullsAtom, pulls)
}

/** How long events gather before the UI applies them: a burst of jobs costs one render. */
const BATCH_MS = 50
/**
 * While they keep coming (a busy provider: dozens of jobs a second), at most one render per
 * this: the figures and the running jobs still move four times a second, and the page's share
 * of the CPU, which the engine needs, stays small.
 */
const BUSY_MS = 250

/**
 * A listener for one engine. Its events wait for the snapshot `subscribe` answers (every
 * event is newer than it), then apply in batches.
 */
export const listenTo = (store: Store) => {
  let pending: EngineEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let started = false
  let flushedAt = -Infinity
  const flush = () => {
    timer = undefined
    const events = pending
    pending = []
    applyEvents(store, events)
  }
  return {
    listener(events: EngineEvent[]): void {
      pending.push(...events)
      if (started && timer === undefined) {
        const wait = Math.max(BATCH_MS, flushedAt + BUSY_MS - Date.now())
        timer = setTimeout(() => {
          flushedAt = Date.now()
          flush()
        }, wait)
      }
    },
    /** The engine answered: show its snapshot (a dead engine's is stale), then what followed. */
    start(snapshot: EngineSnapshot): void {
      store.set(snapshotAtom, snapshot)
      // A new engine: whatever shows jobs reads them again.
      store.set(jobChangesAtom, { version: 0, changes: [] })
      started = true
      flush()
    },
  }
}
