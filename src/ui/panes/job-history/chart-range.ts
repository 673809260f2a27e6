import type { JobSeries } from '../../../shared/worker-api.ts'

/** Which stretch of time the chart covers and how wide each bar is, in local time. */
export interface ChartRange {
  from: number
  to: number
  bucketMs: number
  /** "hour", "day" or "week": what one bar is, in words. */
  unit: 'hour' | 'day' | 'week'
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Hours for up to two days of history, days up to four months, weeks beyond. */
export const chartRange = (firstAt: number, now: number): ChartRange => {
  const span = Math.max(0, now - firstAt)
  const start = new Date(firstAt)
  if (span <= 2 * DAY) {
    start.setMinutes(0, 0, 0)
    return { from: start.getTime(), to: now, bucketMs: HOUR, unit: 'hour' }
  }
  start.setHours(0, 0, 0, 0)
  if (span <= 120 * DAY) return { from: start.getTime(), to: now, bucketMs: DAY, unit: 'day' }
  // Weeks start on Monday.
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7))
  return { from: start.getTime(), to: now, bucketMs: 7 * DAY, unit: 'week' }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A bar's start, as a person reads it for that unit. */
export const bucketLabel = (at: number, unit: ChartRange['unit']): string => {
  const d = new Date(at)
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  if (unit === 'hour') return `${date} ${pad(d.getHours())}:00`
  return unit === 'week' ? `week of ${date}` : date
}

const count = (n: number) => n.toLocaleString('en')

/**
 * What the chart says in words: its totals (the same read as the figures above the table, so
 * the same numbers), or the bar under the pointer.
 */
export const chartCaption = (
  series: JobSeries,
  unit: ChartRange['unit'],
  hover: number | null,
): string => {
  const { from, bucketMs, jobs, sats, totals } = series
  const at = hover === null ? undefined : jobs[hover]
  if (hover !== null && at !== undefined) {
    const when = bucketLabel(from + hover * bucketMs, unit)
    return `${when}: ${count(sats[hover] ?? 0)} sats earned, ${count(at)} jobs`
  }
  return `${count(totals.jobs)} jobs and ${count(totals.satsEarned)} sats earned since ${bucketLabel(from, unit)}, bars per ${unit}`
}
