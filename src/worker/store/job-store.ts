import type { Database } from './db.ts'
import { isFinal, type JobRecord, type JobState } from '../../shared/job-state.ts'

export interface JobCounts {
  served: number
  failed: number
  satsEarned: number
}

export interface JobStore {
  put(job: JobRecord): Promise<void>
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
    // One pass at start; the engine keeps the counts current from then on.
    const counts = { served: 0, failed: 0, satsEarned: 0 }
    let msats = 0
    for (let c = await db.transaction('jobs').store.openCursor(); c; c = await c.continue()) {
      if (c.value.state === 'completed') counts.served++
      if (c.value.state === 'failed') counts.failed++
      msats += c.value.paidMsats ?? 0
    }
    return { ...counts, satsEarned: Math.floor(msats / 1000) }
  },
})
