/**
 * The provider's figures at a glance, kept by the engine as the journal is written and as
 * requests are refused (counts.ts, figures.ts), so no pane ever counts the history itself.
 */
import type { RefuseReason } from './request-reason.ts'

export interface EngineCounts {
  served: number
  failed: number
  satsEarned: number
  dropped: number
  /** Jobs with an invoice out, and what they would pay. */
  awaiting: { jobs: number; msats: number }
  /** Jobs whose invoice expired unpaid. */
  expired: number
  /** Paid jobs that got no result: what this provider owes its customers. */
  owed: { jobs: number; msats: number }
  /** Sats of delivered paid jobs, by when they were paid: the last hour, and since midnight. */
  earnedLastHour: number
  earnedToday: number
  /** Requests refused in the last hour, by reason (only reasons that happened). */
  refusedLastHour: Partial<Record<RefuseReason, number>>
  /** A customer keeps hitting the rate limit: who, and what to do, in words. */
  limitHint?: string
}

export const NO_COUNTS: EngineCounts = {
  served: 0,
  failed: 0,
  satsEarned: 0,
  dropped: 0,
  awaiting: { jobs: 0, msats: 0 },
  expired: 0,
  owed: { jobs: 0, msats: 0 },
  earnedLastHour: 0,
  earnedToday: 0,
  refusedLastHour: {},
}
