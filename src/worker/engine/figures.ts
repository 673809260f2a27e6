/**
 * The figures that depend on the time: sats earned in the last hour and today, refusals in the
 * last hour. Kept in bounded windows as jobs are written and requests refused, and published
 * again each minute so a figure slides out of its window even when nothing happens.
 */
import type { EngineCounts } from '../../shared/engine-counts.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import type { Hub } from './hub.ts'
import { earnedBy } from './counts.ts'
import { createRefusals, type Refusal } from './refusals.ts'
import { createWindowedCounter } from './windowed-counter.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const REPUBLISH_MS = 30_000
// A flood of refusals moves the figures thousands of times a second: the UI hears it once a second.
const REFUSED_PUBLISH_MS = 1000

/** Local midnight before `now`: "today" is the seller's day. */
export const startOfDay = (now: number): number => new Date(now).setHours(0, 0, 0, 0)

export interface FiguresDeps {
  hub: Pick<Hub, 'snapshot' | 'update' | 'log'>
  now: () => number
  /** Delivered paid jobs paid since the start of yesterday: when, and their sats. */
  earnedSince: readonly [at: number, sats: number][]
}

export type Figures = ReturnType<typeof createFigures>

export const createFigures = (d: FiguresDeps) => {
  // A day and an hour back: today's midnight is at most 24 h ago.
  const earned = createWindowedCounter<'sats'>({ bucketMs: MINUTE, windowMs: 25 * HOUR })
  for (const [at, sats] of d.earnedSince) earned.add('sats', at, sats)

  /** The counts with their windowed parts as of now. */
  const windowed = (counts: EngineCounts): EngineCounts => {
    const now = d.now()
    const { limitHint: _, ...rest } = counts
    return {
      ...rest,
      earnedLastHour: earned.count('sats', now, now - HOUR),
      earnedToday: earned.count('sats', now, startOfDay(now)),
      ...refusals.figures(now),
    }
  }
  const publish = () => d.hub.update({ counts: windowed(d.hub.snapshot().counts) })
  let soon: ReturnType<typeof setTimeout> | null = null
  const publishSoon = () => {
    soon ??= setTimeout(() => {
      soon = null
      publish()
    }, REFUSED_PUBLISH_MS)
  }
  const refusals = createRefusals({ log: d.hub.log, now: d.now, onChange: publishSoon })
  const timer = setInterval(publish, REPUBLISH_MS)

  return {
    windowed,
    /** A journaled change: a paid job delivered counts by when it was paid. */
    noteJob(before: JobRecord | null, after: JobRecord) {
      const sats = earnedBy(before, after)
      if (sats > 0) earned.add('sats', after.paidAt ?? d.now(), sats)
    },
    refused: (r: Refusal) => refusals.record(r),
    stop() {
      clearInterval(timer)
      if (soon !== null) clearTimeout(soon)
      refusals.stop()
    },
  }
}
