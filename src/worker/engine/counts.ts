import type { JobRecord } from '../../shared/job-state.ts'
import type { EngineCounts } from '../../shared/engine-counts.ts'

const AWAITING = 'awaiting-payment'

/** Counters moved by one journaled change, so the history is never reread to count. */
export const countChange = (
  counts: EngineCounts,
  before: JobRecord | null,
  after: JobRecord,
): EngineCounts => {
  const entered = (state: JobRecord['state']) => after.state === state && before?.state !== state
  // An invoice out holds its price until the job is paid, expires or ends otherwise.
  const wasAwaiting = before?.state === AWAITING ? 1 : 0
  const isAwaiting = after.state === AWAITING ? 1 : 0
  const newlyOwed = before?.owedMsats === undefined && after.owedMsats !== undefined
  return {
    ...counts,
    served: counts.served + (entered('completed') ? 1 : 0),
    failed: counts.failed + (entered('failed') ? 1 : 0),
    // Earned means paid and delivered: a paid result no relay took yet, or a job that failed
    // and is owed, has earned nothing.
    satsEarned: counts.satsEarned + earnedBy(before, after),
    awaiting: {
      jobs: counts.awaiting.jobs + isAwaiting - wasAwaiting,
      msats:
        counts.awaiting.msats +
        isAwaiting * after.priceMsats -
        wasAwaiting * (before?.priceMsats ?? 0),
    },
    expired: counts.expired + (entered('expired') ? 1 : 0),
    owed: newlyOwed
      ? { jobs: counts.owed.jobs + 1, msats: counts.owed.msats + (after.owedMsats ?? 0) }
      : counts.owed,
  }
}

/** Whole sats this change earned: a paid job delivered. */
export const earnedBy = (before: JobRecord | null, after: JobRecord): number =>
  after.state === 'completed' && before?.state !== 'completed' && after.paidMsats
    ? Math.floor(after.paidMsats / 1000)
    : 0
