/** Job History's queries: filtered pages, the whole history in figures, and a time series. */
import type { JobRecord, JobState } from './job-state.ts'

/** What Job History filters on; a filter left out matches every job. */
export interface JobFilter {
  state?: JobState
  /** The customer's pubkey, hex. */
  customer?: string
  model?: string
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

export interface JobSeriesQuery {
  /** The first bucket starts here (ms); buckets are [from + i * bucketMs, ...). */
  from: number
  to: number
  bucketMs: number
}

/** Jobs received and sats settled per bucket of time. */
export interface JobSeries {
  from: number
  /** Widened when the range would need too many buckets. */
  bucketMs: number
  jobs: number[]
  sats: number[]
}
