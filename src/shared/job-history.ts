/** Job History's queries: filtered pages, the whole history in figures, and a time series. */
import type { ShortNpub } from './customer-key.ts'
import type { JobRecord, JobState } from './job-state.ts'

/** What Job History filters on; a filter left out matches every job. */
export interface JobFilter {
  state?: JobState
  /** The customer's pubkey, hex. */
  customer?: string
  /** A shortened npub as the screen shows it ("npub1abcde…wxyz"): the customers it stands for. */
  customerShort?: ShortNpub
  model?: string
  /** Only jobs received at or before this (ms): Job History holds new jobs back while read. */
  receivedUntil?: number
}

export type JobOrder = 'newest' | 'oldest'

/** One page of the history, by position in the filtered and sorted list. */
export interface JobPageQuery extends JobFilter {
  offset: number
  limit: number
  order: JobOrder
}

export interface JobPage {
  /** How many jobs match the filter, on every page. */
  total: number
  jobs: JobRecord[]
}

/** The whole history in figures. Earned counts settled payments only. */
export interface JobSummary {
  jobs: number
  byState: Record<JobState, number>
  satsEarned: number
  /** When the first and the last job arrived (ms), if there are any. */
  firstAt?: number
  lastAt?: number
  /** Every model that has served a job, for the filter. */
  models: string[]
}

/** The chart follows the table's filters. */
export interface JobSeriesQuery extends JobFilter {
  /** The first bucket starts here (ms); buckets are [from + i * bucketMs, ...). */
  from: number
  to: number
  bucketMs: number
}

/** The figures of the jobs a filter matches, read with the chart so both tell the same. */
export interface JobTotals {
  jobs: number
  byState: Record<JobState, number>
  /** Whole sats of paid jobs that were delivered (completed), as the engine counts earnings. */
  satsEarned: number
}

/** Jobs received and sats earned (paid and delivered, by when paid) per bucket of time. */
export interface JobSeries {
  from: number
  /** Widened when the range would need too many buckets. */
  bucketMs: number
  jobs: number[]
  sats: number[]
  /** Every job the filter matches; `satsEarned` is the sum of `sats`. */
  totals: JobTotals
}
