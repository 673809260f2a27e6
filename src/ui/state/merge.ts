import type { JobRecord } from '../../shared/job-state.ts'
import type { LogEntry } from '../../shared/worker-api.ts'

export const LOG_CAP = 1000

/**
 * A job's timeline only grows, so the longer one is the newer. On a tie the incoming
 * record wins: it may carry fields (result, usage) written without a state change.
 */
const newer = (known: JobRecord | undefined, incoming: JobRecord): JobRecord =>
  known !== undefined && known.timeline.length > incoming.timeline.length ? known : incoming

export const mergeJobs = (
  jobs: ReadonlyMap<string, JobRecord>,
  incoming: readonly JobRecord[],
): ReadonlyMap<string, JobRecord> => {
  const next = new Map(jobs)
  for (const job of incoming) next.set(job.id, newer(next.get(job.id), job))
  return next
}

/** Entries in seq order, each once, the newest `cap` kept. */
export const mergeLog = (
  log: readonly LogEntry[],
  incoming: readonly LogEntry[],
  cap = LOG_CAP,
): LogEntry[] => {
  const last = log.at(-1)
  // The common case: one new entry after the last one.
  if (
    incoming.every((e, i) => e.seq > (i === 0 ? (last?.seq ?? -Infinity) : incoming[i - 1]!.seq))
  ) {
    return [...log, ...incoming].slice(-cap)
  }
  const bySeq = new Map<number, LogEntry>()
  for (const e of log) bySeq.set(e.seq, e)
  for (const e of incoming) bySeq.set(e.seq, e)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-cap)
}

/** The UI keeps the newest jobs it has heard of; the full history stays in the worker. */
export const JOBS_KEPT = 500

export const trimJobs = (
  jobs: ReadonlyMap<string, JobRecord>,
  keep = JOBS_KEPT,
): ReadonlyMap<string, JobRecord> => {
  // Trim in steps, not on every job, so a busy provider doesn't sort on each event.
  if (jobs.size <= keep * 2) return jobs
  const newest = [...jobs.values()].sort((a, b) => b.receivedAt - a.receivedAt).slice(0, keep)
  return new Map(newest.map((j) => [j.id, j]))
}
