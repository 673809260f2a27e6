/**
 * The life of one job, as data. The engine journals every transition before it
 * publishes the side effect that follows, so the journal alone says what to resume.
 */
import type { Encryption, JobInput, JobParams, NostrEvent } from './nip90/types.ts'
import { err, ok, type Result } from './result.ts'

export const JOB_STATES = [
  'awaiting-payment',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
  'expired',
] as const

export type JobState = (typeof JOB_STATES)[number]

const TRANSITIONS: Record<JobState, readonly JobState[]> = {
  'awaiting-payment': ['queued', 'expired', 'cancelled', 'failed'],
  queued: ['running', 'cancelled', 'failed'],
  // running -> queued: a job interrupted by a reload or crash is run again.
  running: ['completed', 'failed', 'cancelled', 'queued'],
  completed: [],
  failed: [],
  cancelled: [],
  expired: [],
}

export const canTransition = (from: JobState, to: JobState): boolean =>
  TRANSITIONS[from].includes(to)

export const isFinal = (state: JobState): boolean => TRANSITIONS[state].length === 0

/**
 * Where a job is in its life, finer than its stored state: `delivering` is a running job whose
 * signed result is journaled and that no relay has acknowledged yet. It is only ever sent
 * again (the very same bytes), never generated again, and a cancel no longer stops it. It is
 * stored as `running` (journals written before keep their meaning) and shown as "running".
 */
export type JobPhase = JobState | 'delivering'

export const phaseOf = (job: Pick<JobRecord, 'state' | 'resultEvent'>): JobPhase =>
  job.state === 'running' && job.resultEvent !== undefined ? 'delivering' : job.state

/** The words the Job History pane shows (ui-contract.md). */
export const STATUS_WORDS: Record<JobState, string> = {
  'awaiting-payment': 'awaiting payment',
  queued: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
}

export interface JobEvent {
  state: JobState
  at: number
  note?: string
}

export interface TokenUsage {
  promptTokens: number
  completionTokens: number
}

export interface JobInvoice {
  id: string
  bolt11: string
  paymentHash: string
  amountMsats: number
  expiresAt: number
}

/** One job as the history keeps it. Plain data: loggable, testable, storable. */
export interface JobRecord {
  /** The request event id. */
  id: string
  /** The customer's pubkey (hex). */
  customer: string
  /** The request's created_at, in seconds. */
  requestedAt: number
  /** When this provider first saw the request, in ms. */
  receivedAt: number
  state: JobState
  /** Every state change with its time, oldest first. */
  timeline: JobEvent[]
  /** The request event as received. */
  request: NostrEvent
  prompt: string
  model?: string
  modelDigest?: string
  result?: string
  usage?: TokenUsage
  error?: string
  priceMsats: number
  /** The one invoice of this job, journaled before the customer is told of it. */
  invoice?: JobInvoice
  /** Set only when the wallet itself reported the invoice settled. */
  paidMsats?: number
  paidAt?: number
  /** A paid job that failed: what this provider owes the customer (a refund or a retry). */
  owedMsats?: number
  /** The signed result event, journaled before it is published. */
  resultEvent?: NostrEvent
  /** Relays the customer asked replies to go to (ours are added). */
  replyRelays: string[]
  params: JobParams
  /** Inputs as parsed; event and job inputs are fetched when the job runs. */
  inputs?: JobInput[]
  encryption?: Encryption
  /** What was left out of the request (a skipped url input), told to the customer. */
  notes?: string[]
  /** When generation started and ended, in ms. */
  startedAt?: number
  finishedAt?: number
  /** What the customer should know of a delivered result (Ollama cut the prompt). */
  warning?: string
  /** A job this provider sent itself ("Send test job", from a throwaway key): run free. */
  test?: true
}

/** Apply a transition to a record, or say why it is not allowed. */
export const transition = (
  job: JobRecord,
  to: JobState,
  at: number,
  note?: string,
): Result<JobRecord> => {
  if (!canTransition(job.state, to)) {
    return err(`job ${job.id.slice(0, 8)} cannot go from ${job.state} to ${to}`)
  }
  const event: JobEvent = note === undefined ? { state: to, at } : { state: to, at, note }
  return ok({ ...job, state: to, timeline: [...job.timeline, event] })
}
