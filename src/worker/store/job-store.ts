import { unwrap } from 'idb'
import type { Database } from './db.ts'
import { groupedPuts } from './grouped-puts.ts'
import type { EngineCounts } from '../../shared/engine-counts.ts'
import { isFinal, type JobRecord, type JobState } from '../../shared/job-state.ts'
import { countByState, statesAmong, type ByState } from './state-tally.ts'

/** The figures the journal holds at start; the engine keeps them current from then on. */
export type JobCounts = Pick<
  EngineCounts,
  'served' | 'failed' | 'satsEarned' | 'awaiting' | 'expired' | 'owed'
> & {
  /** Each delivered paid job paid since `since`: when, and its whole sats. */
  earnedSince: [at: number, sats: number][]
  /** Every state's count, which Job History's tally keeps current from here on. */
  byState: ByState
}

export interface JobStore {
  put(job: JobRecord): Promise<void>
  /** A new record; rejects with a ConstraintError (nothing written) when the id is stored. */
  add(job: JobRecord): Promise<void>
  get(id: string): Promise<JobRecord | undefined>
  has(id: string): Promise<boolean>
  /** Ids of the jobs received at or after `receivedAt` (ms), at most `max` of them. */
  idsSince(receivedAt: number, max: number): Promise<string[]>
  /** Newest first. */
  list(limit: number, state?: JobState): Promise<JobRecord[]>
  unfinished(): Promise<JobRecord[]>
  /** Read once at start, from indexes (and the few jobs awaiting payment). */
  counts(since: number): Promise<JobCounts>
}

export const createJobStore = (db: Database): JobStore => ({
  put: groupedPuts(db),
  async add(job) {
    await db.add('jobs', job)
  },
  get: (id) => db.get('jobs', id),
  async has(id) {
    return (await db.getKey('jobs', id)) !== undefined
  },
  async idsSince(receivedAt, max) {
    const keys = await db.getAllKeysFromIndex(
      'jobs',
      'receivedAt',
      IDBKeyRange.lowerBound(receivedAt),
      max,
    )
    return keys as string[]
  },
  async list(limit, state) {
    const jobs: JobRecord[] = []
    const tx = db.transaction('jobs')
    const index = tx.store.index('receivedAt')
    for (
      let cursor = await index.openCursor(null, 'prev');
      cursor && jobs.length < limit;
      cursor = await cursor.continue()
    ) {
      if (state === undefined || cursor.value.state === state) jobs.push(cursor.value)
    }
    await tx.done
    return jobs
  },
  async unfinished() {
    const states: JobState[] = ['awaiting-payment', 'queued', 'running']
    const lists = await Promise.all(states.map((s) => db.getAllFromIndex('jobs', 'state', s)))
    return lists
      .flat()
      .filter((j) => !isFinal(j.state))
      .sort((a, b) => a.receivedAt - b.receivedAt)
  },
  async counts(since) {
    // At start, from indexes only: state counts and one walk over the keys of settled
    // payments, then the states of the paid jobs (none for a free provider). Earned means paid
    // and delivered: a paid job still running, or failed and owed, has earned nothing yet. The
    // engine keeps the counts current from then on.
    const jobs = () => unwrap(db.transaction('jobs').store)
    const [byState, paid, awaiting] = await Promise.all([
      countByState(jobs()),
      paidKeys(jobs().index('paid')),
      db.getAllFromIndex('jobs', 'state', 'awaiting-payment'),
    ])
    const ended = await statesAmong(
      jobs,
      paid.map(([id]) => id),
      ['completed', ...ENDED_UNDELIVERED],
    )
    let satsEarned = 0
    const owed = { jobs: 0, msats: 0 }
    const earnedSince: [number, number][] = []
    for (const [id, at, msats] of paid) {
      const state = ended.get(id)
      // Whole sats per job, as the engine adds them when each paid job completes.
      if (state === 'completed') {
        satsEarned += Math.floor(msats / 1000)
        if (at >= since) earnedSince.push([at, Math.floor(msats / 1000)])
      } else if (state !== undefined) {
        owed.jobs++
        owed.msats += msats
      }
    }
    const awaitingMsats = awaiting.reduce((sum, job) => sum + job.priceMsats, 0)
    return {
      served: byState.completed,
      failed: byState.failed,
      satsEarned,
      expired: byState.expired,
      owed,
      awaiting: { jobs: awaiting.length, msats: awaitingMsats },
      earnedSince,
      byState,
    }
  },
})

// A paid job that ended in one of these got no result: the payment is owed back.
const ENDED_UNDELIVERED: JobState[] = ['failed', 'expired', 'cancelled']

/** Each settled payment's job id, time and msats, from the `paid` index's keys alone. */
const paidKeys = (index: IDBIndex): Promise<[IDBValidKey, number, number][]> =>
  new Promise((resolve, reject) => {
    const found: [IDBValidKey, number, number][] = []
    const req = index.openKeyCursor()
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve(found)
      const [at = 0, msats = 0] = cursor.key as [number, number]
      found.push([cursor.primaryKey, at, msats])
      cursor.continue()
    }
  })
