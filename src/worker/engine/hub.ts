import type { JobRecord } from '../../shared/job-state.ts'
import type { EngineEvent, EngineSnapshot, LogEntry } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'

const LOG_CAPACITY = 1000

/** The engine's observable state: a snapshot, job updates and log lines, pushed to listeners. */
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

export const createHub = (initial: EngineSnapshot, now: () => number = Date.now): Hub => {
  let snapshot = initial
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
      snapshot = { ...snapshot, ...patch }
      emit({ type: 'snapshot', snapshot })
    },
    job: (job) => emit({ type: 'job', job }),
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
