/**
 * Where the app's time goes in one job, from its own journal: the engine stamps when it
 * received a request, when the job started running and when generation finished, all on the
 * machine's clock, which the probe also reads when it sends and when the result arrives.
 */
import type { Page } from '@playwright/test'
import type { JobRecord } from '../src/shared/job-state.ts'
import type { Probe } from './probe.ts'
import { median } from './stats.ts'

const readJobs = (page: Page, ids: string[]) =>
  page.evaluate(
    (wanted) =>
      new Promise<JobRecord[]>((resolve, reject) => {
        const open = indexedDB.open('sell-compute')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const all = db.transaction('jobs').objectStore('jobs').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () => {
            db.close()
            const set = new Set(wanted)
            resolve((all.result as JobRecord[]).filter((j) => set.has(j.id)))
          }
        }
      }),
    ids,
  )

export interface Breakdown {
  /** Customer send to the engine's intake: relay, the worker's verification and parsing. */
  toIntake: number
  /** Intake to running: journal queued, the queue, reread, journal running. */
  toRunning: number
  /** Running to generation finished: processing feedback sent, Ollama called and streamed. */
  generation: number
  /** Generation finished to the customer holding the result: signed, journaled, published, relayed. */
  delivery: number
}

export const appBreakdown = async (page: Page, probe: Probe, ids: string[]) => {
  const jobs = await readJobs(page, ids)
  const rows: Breakdown[] = []
  for (const job of jobs) {
    const t = probe.timing(job.id)
    const running = job.timeline.find((e) => e.state === 'running')?.at
    if (t?.resultAt === undefined || running === undefined || job.finishedAt === undefined) continue
    const resultWall = t.sentWall + (t.resultAt - t.sentAt)
    rows.push({
      toIntake: job.receivedAt - t.sentWall,
      toRunning: running - job.receivedAt,
      generation: job.finishedAt - running,
      delivery: resultWall - job.finishedAt,
    })
  }
  const mid = (k: keyof Breakdown) => median(rows.map((r) => r[k]))
  return {
    toIntake: mid('toIntake'),
    toRunning: mid('toRunning'),
    generation: mid('generation'),
    delivery: mid('delivery'),
  }
}
