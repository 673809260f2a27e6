/**
 * The job side of the engine: the journal, the replies, the one way a job ends, the queue that
 * runs jobs and the canceller. Each part gets only what it uses from here.
 */
import { isFinal, phaseOf, type JobRecord } from '../../shared/job-state.ts'
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import type { JobQueries } from '../store/job-queries.ts'
import type { JobStore } from '../store/job-store.ts'
import { createCanceller } from './cancel.ts'
import { countChange } from './counts.ts'
import { createFinish } from './finish.ts'
import type { Hub } from './hub.ts'
import { createJournal } from './journal.ts'
import { createJobQueue } from './queue.ts'
import { createReplies } from './replies.ts'
import { runJob, type RunDeps } from './run-job.ts'

export interface JobsDeps {
  store: JobStore
  history: Pick<JobQueries, 'noteChange'>
  hub: Pick<Hub, 'snapshot' | 'update' | 'job' | 'emit' | 'log'>
  settings: () => Settings
  ollama: () => OllamaStatus
  models: RunDeps['models']
  secretKey: () => Uint8Array
  pool: () => RelayPool | null
  now: () => number
  /** Jobs awaiting payment when the engine started (the store's unfinished ones). */
  awaitingAtStart: readonly string[]
}

export type Jobs = ReturnType<typeof createJobs>

export const createJobs = (d: JobsDeps) => {
  const { hub, now } = d
  const log = hub.log
  // Jobs with an invoice out hold a place in the queue: once paid they must run.
  const awaiting = new Set(d.awaitingAtStart)
  const journal = createJournal({
    store: d.store,
    now,
    onWrite: (before, after) => {
      if (after.state === 'awaiting-payment') awaiting.add(after.id)
      else awaiting.delete(after.id)
      d.history.noteChange()
      hub.update({ counts: countChange(hub.snapshot().counts, before, after) })
      hub.job(after)
    },
  })
  const replies = createReplies({
    secretKey: d.secretKey,
    pool: d.pool,
    ourRelays: () => d.settings().relays,
    now,
    log,
  })
  const finish = createFinish({ journal, feedback: replies.feedback, log, now })
  const runDeps = {
    ...d,
    journal,
    replies,
    finish,
    log,
    emit: hub.emit,
    feedback: replies.feedback,
    connected: () =>
      d.pool() !== null && hub.snapshot().relays.some((r) => r.state === 'connected'),
  }
  const queue = createJobQueue({
    concurrency: () => d.settings().concurrency,
    capacity: () => d.settings().queueCapacity,
    run: async (id, signal) => {
      const job = await d.store.get(id)
      if (!job || isFinal(job.state)) return
      await runJob(runDeps, job, signal).catch((e) =>
        log('error', `job ${id.slice(0, 8)}: ${errorText(e)}`),
      )
    },
  })
  const cancel = createCanceller({ get: d.store.get, queue, finish, log })

  return {
    journal,
    replies,
    finish,
    queue,
    cancel,
    /** Jobs with an invoice out now. */
    awaitingPayment: () => awaiting.size,
    /** Run a job; a paid one always gets its turn (capacity gates invoicing, never paid work). */
    run: (job: Pick<JobRecord, 'id' | 'paidMsats'>) =>
      queue.push(job.id, { paid: job.paidMsats !== undefined }),
    /** A result no relay took stays journaled, delivering: send it again once one is back. */
    async redeliver() {
      for (const job of await d.store.unfinished())
        if (phaseOf(job) === 'delivering' && !queue.isRunning(job.id))
          queue.push(job.id, { paid: job.paidMsats !== undefined })
    },
  }
}
