import type { JobRecord } from '../../shared/job-state.ts'
import type { EngineSnapshot } from '../../shared/worker-api.ts'

type Counts = EngineSnapshot['counts']

/** Counters moved by one journaled change, so the history is never reread to count. */
export const countChange = (counts: Counts, before: JobRecord | null, after: JobRecord): Counts => {
  const entered = (state: JobRecord['state']) => after.state === state && before?.state !== state
  return {
    ...counts,
    served: counts.served + (entered('completed') ? 1 : 0),
    failed: counts.failed + (entered('failed') ? 1 : 0),
    // Earned means paid and delivered: a paid result no relay took yet, or a job that failed
    // and is owed, has earned nothing.
    satsEarned:
      counts.satsEarned +
      (entered('completed') && after.paidMsats ? Math.floor(after.paidMsats / 1000) : 0),
  }
}
