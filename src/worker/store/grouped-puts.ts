/**
 * Group commit for the journal's writes. A busy provider writes a step of a job dozens of
 * times a second, and IndexedDB commits one readwrite transaction after another anyway; each
 * commit costs the browser's storage process more than the record does. So while one commit
 * is under way, the writes that arrive meanwhile wait and go together in the next one. Idle,
 * a write goes at once, alone: no timer, no added delay. Each caller still resolves only once
 * its record is committed, so "journal before publish" holds write by write.
 */
import type { Database } from './db.ts'
import type { JobRecord } from '../../shared/job-state.ts'

interface Waiting {
  job: JobRecord
  resolve: () => void
  reject: (e: unknown) => void
}

const putAll = async (db: Database, jobs: JobRecord[]) => {
  const tx = db.transaction('jobs', 'readwrite')
  // In order: a later write of the same job wins, as it would in a transaction of its own.
  await Promise.all([...jobs.map((job) => tx.store.put(job)), tx.done])
}

export const groupedPuts = (db: Database) => {
  let queued: Waiting[] = []
  let writing = false

  const drain = async () => {
    writing = true
    while (queued.length > 0) {
      const batch = queued
      queued = []
      try {
        await putAll(
          db,
          batch.map((w) => w.job),
        )
        for (const w of batch) w.resolve()
      } catch {
        // One bad record must not fail the others: each is written again on its own, so the
        // caller whose record failed gets that record's own error.
        for (const w of batch) await putAll(db, [w.job]).then(w.resolve, w.reject)
      }
    }
    writing = false
  }

  return (job: JobRecord): Promise<void> =>
    new Promise((resolve, reject) => {
      queued.push({ job, resolve, reject })
      if (!writing) void drain()
    })
}
