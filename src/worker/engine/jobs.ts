/**
 * The job side of the engine: the journal, the replies, the one way a job ends, the queue that
 * runs jobs and the canceller. Each part gets only what it uses from here.
 */
import { isFinal, phaseOf, type JobRecord } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import type { JobQueries } from '../store/job-queries.ts'
import type { JobStore } from '../store/job-store.ts'
import type { Activity } from './activity.ts'
import { createCanceller } from './cancel.ts'
import { createInbox } from './customer-inbox.ts'
import { countChange } from './counts.ts'
import type { Figures } from './figures.ts'
import { createFinish } from './finish.ts'
import type { Hub } from './hub.ts'
import { createJournal } from './journal.ts'
import { createJobQueue } from './queue.ts'
import { createReplies } from './replies.ts'
import { processingFeedback, runJob, type RunDeps } from './run-job.ts'

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
  /** The windowed figures (earned today, in the last hour): told of each write. */
  figures: Pick<Figures, 'noteJob' | 'windowed'>
  /** What is in flight outside the queue (activity.ts): the replies' publishes count. */
  activity: Pick<Activity, 'track'>
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
      d.history.noteChange(before, after)
      d.figures.noteJob(before, after)
      hub.update({ counts: d.figures.windowed(countChange(hub.snapshot().counts, before, after)) })
      hub.job(after)
    },
  })
  const replies = createReplies({
    secretKey: d.secretKey,
    pool: d.pool,
    ourRelays: () => d.settings().relays,
    now,
    log,
    track: d.activity.track,
  })
  const finish = createFinish({ journal, feedback: replies.feedback, log, now })
  const inbox = createInbox({ pool: d.pool, now, log })
  const runDeps: RunDeps = {
    ...d,
    journal,
    replies,
    finish,
    log,
    emit: hub.emit,
    feedback: replies.feedback,
    inbox,
    // As many of a customer's relays as one event is sent to (`customer-relays.ts`).
    followable: (urls) => d.pool()?.followable(urls, 4) ?? [],
    connected: () =>
      d.pool() !== null && hub.snapshot().relays.some((r) => r.state === 'connected'),
  }
  // New jobs that intake journals straight to running, by id: the runner takes the record
  // once that write is done, instead of reading it back.
  // Each with its processing feedback, signed while the record is being written.
  const starting = new Map<
    string,
    { written: Promise<JobRecord | 'known' | null>; processing: NostrEvent | null }
  >()
  type ToRun = { job: JobRecord; journaled: boolean; processing?: NostrEvent | null }
  /**
   * The record to run: the one handed over (`journaled`: written as running just now), or the
   * journal's. Null: nothing to run.
   */
  const toRun = async (id: string): Promise<ToRun | null> => {
    const handed = starting.get(id)
    starting.delete(id)
    const written = handed ? await handed.written : 'known'
    if (written === null) return null
    if (written !== 'known' && handed)
      return { job: written, journaled: true, processing: handed.processing }
    const job = await d.store.get(id)
    if (!job) return null
    // A replay of a job the journal holds (after a reload) may have taken the slot before
    // the resume pushed it: run it if it is one the queue runs (never an unpaid one).
    if (handed && job.state !== 'queued' && job.state !== 'running') return null
    return { job, journaled: false }
  }
  const queue = createJobQueue({
    concurrency: () => d.settings().concurrency,
    capacity: () => d.settings().queueCapacity,
    run: async (id, signal) => {
      const found = await toRun(id)
      if (!found || isFinal(found.job.state)) return
      const { job, ...o } = found
      await runJob(runDeps, job, signal, o).catch((e) =>
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
    /**
     * A new job in the free slot (queue.hasFreeSlot): the slot is taken now, so nothing else
     * takes it meanwhile, and the runner starts once `journaled` (the record, written as
     * running) resolves; no side effect comes before that write.
     */
    start(job: JobRecord, journaled: Promise<JobRecord | 'known' | null>) {
      // Queued or running already: a replay, whose write fails as known.
      if (queue.position(job.id) >= 0) return
      // Signed now, while IndexedDB writes the record; sent once the write is done.
      const processing = replies.signFeedback(job, processingFeedback(job))
      starting.set(job.id, { written: journaled, processing })
      queue.push(job.id)
    },
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
