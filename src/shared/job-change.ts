/**
 * What the worker tells the UI when a job is journaled: which job and where it is now, not
 * the record (that stays in the worker, and a view that shows it reads it again).
 */
import type { JobRecord, JobState } from './job-state.ts'

/** What the Sell Compute pane shows of a running job, besides the text that streams in. */
export interface RunningJob {
  customer: string
  model?: string
  startedAt?: number
  /** The whole answer once it is generated: the job is delivering it. */
  result?: string
  completionTokens?: number
}

export interface JobChange {
  id: string
  state: JobState
  /** When its payment settled, once it has. */
  paidAt?: number
  /** Only while it runs. */
  running?: RunningJob
}

/** The states in which a job is on the Sell Compute pane's "Running now" list. */
const LIVE: readonly JobState[] = ['running']

export const jobChangeOf = (job: JobRecord): JobChange => {
  const change: JobChange = { id: job.id, state: job.state }
  if (job.paidAt !== undefined) change.paidAt = job.paidAt
  if (!LIVE.includes(job.state)) return change
  const running: RunningJob = { customer: job.customer }
  if (job.model !== undefined) running.model = job.model
  if (job.startedAt !== undefined) running.startedAt = job.startedAt
  if (job.result !== undefined) running.result = job.result
  if (job.usage !== undefined) running.completionTokens = job.usage.completionTokens
  change.running = running
  return change
}
