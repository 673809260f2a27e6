import { jobChangeOf } from '../../shared/job-change.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import type {
  EngineEvent,
  EngineSnapshot,
  LogEntry,
  SnapshotSlices,
} from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'

const LOG_CAPACITY = 1000

/**
 * The engine's observable state: a snapshot, job changes and log lines, pushed to listeners.
 * Only what changed crosses to the UI: the parts of the snapshot that differ, counts on their
 * own, and a journaled job as its id and state (the UI reads the record when it shows it).
 */
export interface Hub {
  snapshot(): EngineSnapshot
  update(patch: Partial<EngineSnapshot>): void
  job(job: JobRecord): void
  /** Events that are not state: model pull progress, a running job's text so far. */
  emit(event: EngineEvent): void
  log: Log
  recentLog(): LogEntry[]
  subscribe(listener: (e: EngineEvent) => void): () => void
}

// Slices are small (a status, a list of relays or models): comparing their JSON is cheap, and
// it catches the same status reported again, which most updates are.
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

export const createHub = (initial: EngineSnapshot, now: () => number = Date.now): Hub => {
  let snapshot = initial
  let version = 0
  const listeners = new Set<(e: EngineEvent) => void>()
  const lines: LogEntry[] = []
  let seq = 0
  const emit = (e: EngineEvent) => {
    for (const l of listeners) {
      try {
        l(e)
      } catch {
        // A listener that went away (closed tab) must not stop the engine.
        listeners.delete(l)
      }
    }
  }
  return {
    snapshot: () => snapshot,
    update(patch) {
      const slices: SnapshotSlices = {}
      let changed = false
      for (const key of Object.keys(patch) as (keyof EngineSnapshot)[]) {
        if (key === 'counts' || same(snapshot[key], patch[key])) continue
        Object.assign(slices, { [key]: patch[key] })
        changed = true
      }
      const counts = patch.counts && !same(snapshot.counts, patch.counts) ? patch.counts : null
      if (!changed && counts === null) return
      snapshot = { ...snapshot, ...slices, ...(counts === null ? {} : { counts }) }
      if (changed) emit({ type: 'slices', slices })
      if (counts !== null) emit({ type: 'counts', counts })
    },
    job: (job) => emit({ type: 'jobs', version: ++version, changes: [jobChangeOf(job)] }),
    emit,
    log(level, message) {
      const entry: LogEntry = { seq: ++seq, at: now(), level, message }
      lines.push(entry)
      if (lines.length > LOG_CAPACITY) lines.splice(0, lines.length - LOG_CAPACITY)
      emit({ type: 'log', entry })
    },
    recentLog: () => [...lines],
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
