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
  /** A job seen for the first time. */
  create(job: JobRecord): Promise<JobRecord>
  write(job: JobRecord, change: JobChange): Promise<JobRecord>
}

export interface JournalDeps {
  store: Pick<JobStore, 'put'>
  now: () => number
  /** Told of every write, after it is stored: counts, caches, the UI. */
  onWrite: (before: JobRecord | null, after: JobRecord) => void
}

export const createJournal = (d: JournalDeps): Journal => {
  const put = async (before: JobRecord | null, next: JobRecord) => {
    await d.store.put(next)
    d.onWrite(before, next)
    return next
  }
  return {
    create: (job) => put(null, job),
    write(job, { to, patch = {}, note }) {
      let next: JobRecord = { ...job, ...patch }
      if (to !== undefined && to !== job.state) {
        const moved = transition(next, to, d.now(), note)
        // A move the table forbids is a bug in the engine, not something a person can fix.
        if (!moved.ok) throw new Error(moved.error)
        next = moved.value
      }
      return put(job, next)
    },
  }
}
