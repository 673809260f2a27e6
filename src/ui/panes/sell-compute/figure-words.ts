import type { EngineCounts } from '../../../shared/engine-counts.ts'
import { REFUSAL_WORDS, type RefuseReason } from '../../../shared/request-reason.ts'
import { formatCount, formatSats } from '../../format.ts'

/** "2 jobs · 20 sats"; "None" when there are none. */
export const jobsAndSats = ({ jobs, msats }: { jobs: number; msats: number }): string =>
  jobs === 0
    ? 'None'
    : `${formatCount(jobs)} job${jobs === 1 ? '' : 's'} · ${formatSats(msats)} sats`

export const sats = (n: number): string => `${formatCount(n)} sats`

/** The refusals of the last hour, most frequent first: [words, count]. */
export const refusedByReason = (
  refused: EngineCounts['refusedLastHour'],
): [words: string, count: number][] =>
  (Object.entries(refused) as [RefuseReason, number][])
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => [REFUSAL_WORDS[reason], n])

export const refusedTotal = (refused: EngineCounts['refusedLastHour']): number =>
  Object.values(refused).reduce((sum, n) => sum + (n ?? 0), 0)
