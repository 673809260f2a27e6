/**
 * What the engine streams besides its state: model pulls in progress and the jobs generating
 * now. Pure reducers over plain maps, so the worker listener stays one line per event.
 */
import type { JobChange } from '../../shared/job-change.ts'
import type { ProgressEvent, PullEvent } from '../../shared/worker-api.ts'

/** Pulls by model name, the most recent last; finished ones stay until pulled again. */
export type Pulls = ReadonlyMap<string, PullEvent>

export const applyPull = (pulls: Pulls, event: PullEvent): Pulls => {
  const next = new Map(pulls)
  // Moved to the end: the newest pull is the one whose outcome the pane shows.
  if (event.status === 'starting') next.delete(event.name)
  next.set(event.name, event)
  return next
}

export interface LiveJob {
  id: string
  customer?: string
  model?: string
  /** When generation started, in ms (the engine's clock). */
  startedAt?: number
  text: string
  tokens: number
  /** The answer is complete and being delivered. */
  generated: boolean
  /** A thinking model is reasoning: no answer yet. */
  reasoning?: boolean
}

export type LiveJobs = ReadonlyMap<string, LiveJob>

/** A job change: running jobs are live, every other state leaves the list. */
export const applyChangeToLive = (live: LiveJobs, change: JobChange): LiveJobs => {
  const running = change.running
  if (running === undefined) {
    if (!live.has(change.id)) return live
    const next = new Map(live)
    next.delete(change.id)
    return next
  }
  const known = live.get(change.id)
  const entry: LiveJob = {
    id: change.id,
    customer: running.customer,
    text: running.result ?? known?.text ?? '',
    tokens: running.completionTokens ?? known?.tokens ?? 0,
    generated: running.result !== undefined,
  }
  if (running.model !== undefined) entry.model = running.model
  if (running.startedAt !== undefined) entry.startedAt = running.startedAt
  return new Map(live).set(change.id, entry)
}

export const applyProgress = (live: LiveJobs, event: ProgressEvent): LiveJobs => {
  const known = live.get(event.jobId)
  if (known?.generated) return live
  const base: LiveJob = known ?? { id: event.jobId, text: '', tokens: 0, generated: false }
  const { reasoning: _was, ...rest } = base
  const next: LiveJob = { ...rest, text: event.text, tokens: event.tokens }
  if (event.reasoning) next.reasoning = true
  return new Map(live).set(event.jobId, next)
}
