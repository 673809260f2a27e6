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
    // Earned means settled: a payment counts when the wallet reported it, whatever follows.
    satsEarned:
      counts.satsEarned +
      (after.paidMsats && !before?.paidMsats ? Math.floor(after.paidMsats / 1000) : 0),
  }
}
