import { unwrap } from 'idb'
import { request } from './cursor.ts'
import type { Database } from './db.ts'
import { isFinal, type JobRecord, type JobState } from '../../shared/job-state.ts'

export interface JobCounts {
  served: number
  failed: number
  satsEarned: number
}

export interface JobStore {
  put(job: JobRecord): Promise<void>
  /**
   * A new record, and with `then` that record changed, in one transaction; rejects with a
   * ConstraintError (nothing written) when the id is stored already.
   */
  add(job: JobRecord, then?: JobRecord): Promise<void>
  get(id: string): Promise<JobRecord | undefined>
  has(id: string): Promise<boolean>
  /** Newest first. */
  list(limit: number, state?: JobState): Promise<JobRecord[]>
  unfinished(): Promise<JobRecord[]>
  counts(): Promise<JobCounts>
}

export const createJobStore = (db: Database): JobStore => ({
  async put(job) {
    await db.put('jobs', job)
  },
  async add(job, then) {
    const tx = db.transaction('jobs', 'readwrite')
    // Both requests are queued at once; a failed add aborts the transaction, put and all.
    const writes = [tx.store.add(job), ...(then ? [tx.store.put(then)] : [])]
    await Promise.all([...writes, tx.done])
  },
  get: (id) => db.get('jobs', id),
  async has(id) {
    return (await db.getKey('jobs', id)) !== undefined
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
  async counts() {
    // At start, from indexes only: state counts, the ids of completed jobs, and one walk over
    // the keys of settled payments. Earned means paid and delivered: a paid job still running,
    // or failed and owed, has earned nothing yet. The engine keeps the counts current from then on.
    const store = unwrap(db.transaction('jobs').store)
    const state = store.index('state')
    const [served, failed, completed, paid] = await Promise.all([
      request(state.count('completed')),
      request(state.count('failed')),
      request(state.getAllKeys('completed')),
      paidKeys(store.index('paid')),
    ])
    const delivered = new Set(completed)
    let satsEarned = 0
    // Whole sats per job, as the engine adds them when each paid job completes.
    for (const [id, msats] of paid) if (delivered.has(id)) satsEarned += Math.floor(msats / 1000)
    return { served, failed, satsEarned }
  },
})

/** Each settled payment's job id and msats, from the `paid` index's keys alone. */
const paidKeys = (index: IDBIndex): Promise<[IDBValidKey, number][]> =>
  new Promise((resolve, reject) => {
    const found: [IDBValidKey, number][] = []
    const req = index.openKeyCursor()
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve(found)
      found.push([cursor.primaryKey, (cursor.key as [number, number])[1] ?? 0])
      cursor.continue()
    }
  })
