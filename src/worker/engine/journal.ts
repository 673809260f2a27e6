/**
 * The one writer of job records. A change is written first; only then may its side effect be
 * published, so the journal alone says what to resume after a reload.
 */
import { transition, type JobRecord, type JobState } from '../../shared/job-state.ts'
import type { JobStore } from '../store/job-store.ts'

/** What one journal entry changes: a state move (with a note for the timeline), fields, or both. */
export interface JobChange {
  to?: JobState
  patch?: Partial<JobRecord>
  note?: string
}

export interface Journal {
  /**
   * A job seen for the first time, and with `then` its first change too, in one transaction
   * (a new job that starts at once: one write before its processing feedback). Rejects with a
   * ConstraintError when the journal holds the job already: the write is also the check that
   * the request is new (isKnownError). Resolves with the record as stored.
   */
  create(job: JobRecord, then?: JobChange): Promise<JobRecord>
  write(job: JobRecord, change: JobChange): Promise<JobRecord>
}

export interface JournalDeps {
  store: Pick<JobStore, 'put' | 'add'>
  now: () => number
  /** Told of every write, after it is stored: counts, caches, the UI. */
  onWrite: (before: JobRecord | null, after: JobRecord) => void
}

export const createJournal = (d: JournalDeps): Journal => {
  const changed = (job: JobRecord, { to, patch = {}, note }: JobChange): JobRecord => {
    const next: JobRecord = { ...job, ...patch }
    if (to === undefined || to === job.state) return next
    const moved = transition(next, to, d.now(), note)
    // A move the table forbids is a bug in the engine, not something a person can fix.
    if (!moved.ok) throw new Error(moved.error)
    return moved.value
  }
  return {
    async create(job, then) {
      const next = then === undefined ? undefined : changed(job, then)
      // The record as it ends up, added once: the add is the "is it new" check, and a job
      // queued and started at once costs one write (one set of index entries), not two.
      await d.store.add(next ?? job)
      d.onWrite(null, job)
      if (next === undefined) return job
      d.onWrite(job, next)
      return next
    },
    async write(job, change) {
      const next = changed(job, change)
      await d.store.put(next)
      d.onWrite(job, next)
      return next
    },
  }
}

/** The journal refused a create because it holds that job already: a replayed request. */
export const isKnownError = (e: unknown): boolean =>
  e instanceof DOMException && e.name === 'ConstraintError'
