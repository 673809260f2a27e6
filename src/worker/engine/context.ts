import { finalizeEvent } from 'nostr-tools/pure'
import { transition, type JobRecord, type JobState } from '../../shared/job-state.ts'
import {
  buildFeedback,
  type EventTemplate,
  type FeedbackOptions,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import type { JobStore } from '../store/job-store.ts'
import { sealFor } from './crypto.ts'
import type { Hub } from './hub.ts'
import type { ProviderKey } from './provider-key.ts'

/** What a job needs from the engine around it. */
export interface JobContext {
  store: JobStore
  hub: Hub
  key: () => ProviderKey
  settings: () => Settings
  ollama: () => OllamaStatus
  pool: () => RelayPool | null
  now: () => number
  /** What a job learns of Ollama's models: one gone (check again), one that does not fit. */
  models?: { refresh(): void; markUnusable(name: string, reason: string): void }
  /** Told of every journaled change, to keep counts without rereading the history. */
  onJournal?: (before: JobRecord | null, after: JobRecord) => void
}

/** Write the state change first; only then may its side effect be published. */
export const journal = async (
  ctx: JobContext,
  job: JobRecord,
  to: JobState | null,
  patch: Partial<JobRecord> = {},
  note?: string,
  isNew = false,
): Promise<JobRecord> => {
  let next: JobRecord = { ...job, ...patch }
  if (to !== null && to !== job.state) {
    const moved = transition(next, to, ctx.now(), note)
    if (!moved.ok) throw new Error(moved.error)
    next = moved.value
  }
  await ctx.store.put(next)
  ctx.onJournal?.(isNew ? null : job, next)
  ctx.hub.job(next)
  return next
}

export const sign = (ctx: JobContext, template: EventTemplate): NostrEvent =>
  finalizeEvent(template, ctx.key().secretKey) as NostrEvent

/** Publish to our relays plus the customer's; say in the log when no relay took it. */
export const publish = async (
  ctx: JobContext,
  event: NostrEvent,
  replyRelays: string[],
): Promise<boolean> => {
  const pool = ctx.pool()
  if (!pool) {
    ctx.hub.log(
      'warn',
      `not connected to any relay: kind ${event.kind} ${event.id.slice(0, 8)} not sent`,
    )
    return false
  }
  // A customer's relay may be slow or dead: it gets its copy in the background, so it can hold
  // up neither this job nor the queue behind it.
  const theirs = replyRelays.filter((r) => !ctx.settings().relays.includes(r))
  if (theirs.length > 0) {
    const said = (why: string) =>
      ctx.hub.log('debug', `kind ${event.kind} to the customer's relays: ${why}`)
    void pool.publishElsewhere(event, theirs).then(
      ({ errors }) => errors.length > 0 && said(errors.join('; ')),
      (e: unknown) => said(errorText(e)),
    )
  }
  const { acked, errors } = await pool.publish(event)
  if (acked.length === 0) {
    ctx.hub.log(
      'warn',
      `no relay accepted kind ${event.kind} ${event.id.slice(0, 8)}: ${errors.join('; ') || 'none connected'}`,
    )
    return false
  }
  return true
}

type JobRef = Pick<JobRecord, 'id' | 'customer' | 'encryption' | 'replyRelays'>

/** Kind 7000 feedback for a job, encrypted like its request. */
export const sendFeedback = async (
  ctx: JobContext,
  job: JobRef,
  o: Omit<FeedbackOptions, 'now'>,
): Promise<void> => {
  const ref = { id: job.id, customer: job.customer, encryption: job.encryption ?? null }
  const seal = sealFor(job.encryption, job.customer, ctx.key().secretKey)
  const template = buildFeedback(ref, { ...o, now: Math.floor(ctx.now() / 1000) }, seal)
  try {
    await publish(ctx, sign(ctx, template), job.replyRelays)
  } catch (e) {
    ctx.hub.log('warn', `feedback for ${job.id.slice(0, 8)} not sent: ${errorText(e)}`)
  }
}
