/**
 * How many jobs the journal holds in each state, counted once when the engine opens it and
 * kept current from each write. Job History asks for these totals on every open and every
 * refresh, and an IndexedDB count walks its whole range in Chromium (about 0.8 s for 100,000
 * jobs), so they are answered from here instead.
 */
import { JOB_STATES, type JobRecord, type JobState } from '../../shared/job-state.ts'
import { unwrap } from 'idb'
import { request } from './cursor.ts'
import type { Database } from './db.ts'

export type ByState = Record<JobState, number>

export interface StateTally {
  byState(): ByState
  total(): number
  /** One journal write: `before` is the record it replaced, null for a new job. */
  note(before: JobRecord | null, after: JobRecord): void
}

/** Each state's count from the `state` index: once, when the journal is opened. */
export const countByState = async (store: IDBObjectStore): Promise<ByState> => {
  const state = store.index('state')
  const counts = await Promise.all(JOB_STATES.map((s) => request(state.count(s))))
  return Object.fromEntries(JOB_STATES.map((s, i) => [s, counts[i] ?? 0])) as ByState
}

export const createStateTally = (atStart: ByState): StateTally => {
  const counts: ByState = { ...atStart }
  let total = JOB_STATES.reduce((n, s) => n + counts[s], 0)
  return {
    byState: () => ({ ...counts }),
    total: () => total,
    note(before, after) {
      if (before === null) total++
      else counts[before.state]--
      counts[after.state]++
    },
  }
}

/** A tally counted from the journal as it is now (the engine counts at start instead). */
export const readStateTally = async (db: Database): Promise<StateTally> =>
  createStateTally(await countByState(unwrap(db.transaction('jobs').store)))

/** Up to this many jobs, each record is read; past it, the `state` index's keys per state. */
const FEW = 200

/**
 * The state of each of these jobs that is in one of `wanted`: none asked about costs nothing,
 * a few cost their records, many cost every wanted state's keys (a walk of the whole index).
 */
export const statesAmong = async (
  store: () => IDBObjectStore,
  ids: readonly IDBValidKey[],
  wanted: readonly JobState[],
): Promise<Map<IDBValidKey, JobState>> => {
  const found = new Map<IDBValidKey, JobState>()
  if (ids.length === 0) return found
  if (ids.length <= FEW) {
    const read = store()
    const jobs = await Promise.all(ids.map((id) => request(read.get(id) as IDBRequest<JobRecord>)))
    for (const job of jobs) if (job && wanted.includes(job.state)) found.set(job.id, job.state)
    return found
  }
  const asked = new Set(ids)
  const index = store().index('state')
  const lists = await Promise.all(wanted.map((s) => request(index.getAllKeys(s))))
  wanted.forEach((s, i) => {
    for (const id of lists[i] ?? []) if (asked.has(id)) found.set(id, s)
  })
  return found
}
