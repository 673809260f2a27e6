/**
 * Every way a job ends, in one table: what is journaled, what the log says, what the customer
 * is told. `endingOf` is pure; `finish` applies it in the one order that is safe (journal,
 * then log, then publish).
 */
import type { JobRecord } from '../../shared/job-state.ts'
import type { LogLevel } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import type { JobChange, Journal } from './journal.ts'
import type { Feedback, Replies } from './replies.ts'

export type JobOutcome =
  /** A relay acknowledged the result. */
  | { kind: 'completed' }
  /**
   * The job could not be run to a result: why, in words. `result`: an answer was generated but
   * cannot be sent (too large for the relays); the history keeps it for the provider to read.
   */
  | { kind: 'failed'; cause: string; result?: string }
  /** The wallet could not make the job's invoice. */
  | { kind: 'not-invoiced'; cause: string }
  | { kind: 'expired'; reason: string }
  /** The customer's kind 5 deletion, while the job ran or before it started. */
  | { kind: 'cancelled'; whileRunning: boolean }

export interface Ending {
  change: JobChange
  log?: { level: LogLevel; message: string }
  feedback: Feedback
}

/** What a paid job that failed leaves owing, in words for the history and the customer. */
export const owedWords = (msats: number): string =>
  `Paid ${Math.floor(msats / 1000)} sats and got no result: owed to the customer (refund or retry)`

export const endingOf = (job: JobRecord, outcome: JobOutcome, now: number): Ending => {
  const id = job.id.slice(0, 8)
  switch (outcome.kind) {
    case 'completed':
      return {
        change: { to: 'completed', note: 'result delivered' },
        log: {
          level: 'info',
          message: `job ${id} completed (${job.usage?.completionTokens ?? 0} tokens)`,
        },
        feedback: { status: 'success', text: job.warning ? `Done. Note: ${job.warning}` : 'Done' },
      }
    case 'failed': {
      // The customer paid and got nothing: the history says so plainly, and so does the reply.
      const owed = job.paidMsats
      const reason = owed ? `${outcome.cause}. ${owedWords(owed)}` : outcome.cause
      return {
        change: {
          to: 'failed',
          patch: {
            error: reason,
            finishedAt: now,
            ...(owed ? { owedMsats: owed } : {}),
            ...(outcome.result !== undefined ? { result: outcome.result } : {}),
          },
          note: reason,
        },
        log: { level: owed ? 'error' : 'warn', message: `job ${id} failed: ${reason}` },
        feedback: { status: 'error', text: `Failed: ${reason}` },
      }
    }
    case 'not-invoiced': {
      const reason = `the provider's wallet could not make an invoice (${outcome.cause})`
      return {
        change: { to: 'failed', patch: { error: reason, finishedAt: now }, note: reason },
        log: { level: 'warn', message: `job ${id}: ${reason}` },
        feedback: { status: 'error', text: `Failed: ${reason}` },
      }
    }
    case 'expired':
      return {
        change: {
          to: 'expired',
          patch: { error: outcome.reason, finishedAt: now },
          note: outcome.reason,
        },
        feedback: { status: 'error', text: `Expired: ${outcome.reason}` },
      }
    case 'cancelled':
      return {
        change: { to: 'cancelled', patch: { finishedAt: now }, note: 'cancelled by the customer' },
        log: {
          level: 'info',
          message: `job ${id} cancelled by the customer${outcome.whileRunning ? ' while running' : ''}`,
        },
        feedback: { status: 'error', text: 'cancelled' },
      }
  }
}

export type Finish = (job: JobRecord, outcome: JobOutcome) => Promise<JobRecord>

export const createFinish =
  (d: {
    journal: Pick<Journal, 'write'>
    feedback: Replies['feedback']
    log: Log
    now: () => number
  }): Finish =>
  async (job, outcome) => {
    const ending = endingOf(job, outcome, d.now())
    const done = await d.journal.write(job, ending.change)
    if (ending.log) d.log(ending.log.level, ending.log.message)
    await d.feedback(done, ending.feedback)
    return done
  }
