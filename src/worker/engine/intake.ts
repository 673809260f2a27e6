import type { JobRecord, JobState } from '../../shared/job-state.ts'
import {
  KIND_DELETION,
  KIND_TEXT_REQUEST,
  detectEncryption,
  joinInputs,
  parseJobRequest,
  withNotes,
  type JobRequest,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import { decideJob } from '../../shared/job-decision.ts'
import { quoteMsats } from '../../shared/pricing.ts'
import { createRateLimiter } from '../../shared/rate-limit.ts'
import type { DemandReason } from '../../shared/market/demand.ts'
import { errorText } from '../log.ts'
import { sendFeedback, journal, type JobContext } from './context.ts'
import { decryptRequestTags } from './crypto.ts'
import { resolveInputs } from './inputs.ts'
import type { JobQueue } from './queue.ts'

const SEEN_CAPACITY = 20_000
// Up to eight fetches run at once, each with its own 5 s deadline.
const INPUTS_TIMEOUT_MS = 10_000

export interface IntakeContext extends JobContext {
  queue: JobQueue
  /** Requests created before this (seconds) are too old. */
  notBefore: number
  /** Still taking new jobs (false while going offline). */
  accepting: () => boolean
  onDrop: (reason: string) => void
  /** A kind 5 deletion: the engine cancels the jobs it names if its author asked for them. */
  onDeletion: (event: NostrEvent) => void
  /** Jobs with an invoice out: they count against the queue's capacity. */
  awaitingPayment: () => number
  /** Whether paid jobs can be invoiced now. */
  canInvoice: () => boolean
  /** Why this customer's paid request gets no invoice now (invoice-limits.ts), or null. */
  invoiceRefusal?: (customer: string) => string | null
  /** A paid job was journaled as awaiting payment: invoice it and watch. */
  onAwaitingPayment: (job: JobRecord) => Promise<void>
  /** How a request that was ours to decide went, in the Market pane's terms. */
  onOutcome?: (event: NostrEvent, reason: DemandReason) => void
}

/**
 * Every event from every relay comes through here once: dedupe by id, decrypt, parse,
 * price, then journal and queue. Nothing here may throw into the relay loop.
 */
export const createIntake = (ctx: IntakeContext) => {
  const seen = new Set<string>()
  const remember = (id: string) => {
    seen.add(id)
    if (seen.size > SEEN_CAPACITY) seen.delete(seen.values().next().value as string)
  }

  const limiter = createRateLimiter(() => ctx.settings().rateLimitPerMinute)

  /**
   * Journal a new job. When the database refuses (full, or gone), nothing pretends otherwise:
   * the log says why and the customer is told the job was not taken.
   */
  const record = async (job: JobRecord): Promise<JobRecord | null> => {
    try {
      return await journal(ctx, job, null, {}, undefined, true)
    } catch (e) {
      const why = storageProblem(e)
      ctx.hub.log('error', `job ${job.id.slice(0, 8)} not taken: ${why}`)
      await sendFeedback(ctx, job, { status: 'error', text: `Not taken: ${why}; try again later` })
      return null
    }
  }

  const accept = async (event: NostrEvent) => {
    const settings = ctx.settings()
    const told = (reason: DemandReason) => ctx.onOutcome?.(event, reason)
    if (settings.blocklist.includes(event.pubkey)) {
      told('limits')
      return ctx.onDrop(
        `request ${event.id.slice(0, 8)} from blocked customer ${event.pubkey.slice(0, 8)}`,
      )
    }
    if (await ctx.store.has(event.id)) return
    const key = ctx.key()
    let privateTags: string[][] | undefined
    if (
      event.tags.some((t) => t[0] === 'encrypted') &&
      event.tags.some((t) => t[0] === 'p' && t[1] === key.pubkey)
    ) {
      const tags = decryptRequestTags(event, key.secretKey)
      if ('error' in tags) return ctx.onDrop(`request ${event.id.slice(0, 8)}: ${tags.error}`)
      privateTags = tags
    }
    const nowS = Math.floor(ctx.now() / 1000)
    const parsed = parseJobRequest(event, {
      providerPubkey: key.pubkey,
      now: nowS,
      notBefore: ctx.notBefore,
      ...(privateTags ? { privateTags } : {}),
    })
    const replyRelays = parsed.ok ? parsed.request.relays : []
    const ref = {
      id: event.id,
      customer: event.pubkey,
      // A refused encrypted request is still answered the way it was asked.
      encryption: parsed.ok
        ? (parsed.request.encryption ?? undefined)
        : privateTags
          ? (detectEncryption(event.content) ?? undefined)
          : undefined,
      replyRelays,
    }
    if (!parsed.ok) {
      const market = ignoredAs(parsed.reason)
      if (parsed.outcome === 'refuse') told('invalid')
      else if (market) told(market)
      if (parsed.outcome === 'ignore')
        return ctx.onDrop(`request ${event.id.slice(0, 8)} ignored: ${parsed.reason}`)
      ctx.hub.log('info', `request ${event.id.slice(0, 8)} refused: ${parsed.reason}`)
      return sendFeedback(ctx, ref, { status: 'error', text: `Refused: ${parsed.reason}` })
    }
    const request = parsed.request
    if (!limiter.allow(request.customer, ctx.now())) {
      const text = `Rate limited: at most ${settings.rateLimitPerMinute} requests a minute; try again shortly`
      told('limits')
      return sendFeedback(ctx, ref, { status: 'error', text })
    }
    // The model, and whether the job fits it, before any price or invoice: a request that
    // cannot run is refused now, never after it was paid.
    const decided = decideJob(request, settings, ctx.ollama())
    if (!decided.ok) {
      told('model-not-offered')
      ctx.hub.log('info', `request ${event.id.slice(0, 8)} refused: ${decided.reason}`)
      return sendFeedback(ctx, ref, { status: 'error', text: `Refused: ${decided.reason}` })
    }
    // Priced, bounded and journaled from what the model will read, fetched inputs included.
    const resolved = await resolveInputs(
      ctx,
      request.inputs,
      AbortSignal.timeout(INPUTS_TIMEOUT_MS),
    )
    if (!resolved.ok) {
      told('invalid')
      ctx.hub.log('info', `request ${event.id.slice(0, 8)} refused: ${resolved.error}`)
      return sendFeedback(ctx, ref, { status: 'error', text: `Refused: ${resolved.error}` })
    }
    const { prompt, texts } = resolved.value
    const price = settings.allowlist.includes(request.customer)
      ? 0
      : quoteMsats(settings, request.params.maxTokens, prompt.length)
    if (request.bidMsats !== undefined && request.bidMsats < price) {
      const text = `Your bid of ${request.bidMsats} msats is below the price of ${price} msats (${price / 1000} sats)`
      told('bid-below-price')
      return sendFeedback(ctx, ref, { status: 'error', text, amount: { msats: price } })
    }
    if (!ctx.accepting()) {
      told('offline')
      return ctx.onDrop(`request ${event.id.slice(0, 8)} arrived while going offline`)
    }
    if (ctx.queue.size() + ctx.awaitingPayment() >= settings.queueCapacity) {
      told('limits')
      return sendFeedback(ctx, ref, {
        status: 'error',
        text: 'Busy: the queue is full, try again in a minute',
      })
    }
    if (price > 0) {
      if (!ctx.canInvoice()) {
        const text =
          "This provider can't take payments right now (its wallet is not ready); try again later"
        told('wallet-not-ready')
        return sendFeedback(ctx, ref, { status: 'error', text })
      }
      const refused = ctx.invoiceRefusal?.(request.customer) ?? null
      if (refused !== null) {
        told('limits')
        ctx.hub.log('info', `request ${event.id.slice(0, 8)}: no invoice: ${refused}`)
        return sendFeedback(ctx, ref, { status: 'error', text: refused })
      }
      const job = await record(newJob(request, texts, price, ctx.now(), 'awaiting-payment'))
      if (!job) return
      told('taken')
      ctx.hub.log(
        'info',
        `job ${job.id.slice(0, 8)} from ${job.customer.slice(0, 8)} awaits payment`,
      )
      return ctx.onAwaitingPayment(job)
    }
    const job = await record(newJob(request, texts, price, ctx.now(), 'queued'))
    if (!job) return
    told('taken')
    ctx.hub.log('info', `job ${job.id.slice(0, 8)} accepted from ${job.customer.slice(0, 8)}`)
    ctx.queue.push(job.id)
    const position = ctx.queue.position(job.id)
    if (position > 0) {
      const text = withNotes(`Queued: position ${position}`, job.notes)
      await sendFeedback(ctx, job, { status: 'processing', text })
    }
  }

  return (event: NostrEvent) => {
    if (seen.has(event.id)) return
    remember(event.id)
    if (event.kind === KIND_DELETION) return ctx.onDeletion(event)
    if (event.kind !== KIND_TEXT_REQUEST) return
    accept(event).catch((e) =>
      ctx.hub.log('error', `request ${event.id.slice(0, 8)}: ${errorText(e)}`),
    )
  }
}

/** An ignored request in the Market pane's terms; undefined where the watch sees it itself. */
const ignoredAs = (reason: string): DemandReason | undefined =>
  /another provider|someone else/.test(reason)
    ? undefined
    : /lookback/.test(reason)
      ? 'offline'
      : 'invalid'

const storageProblem = (e: unknown): string =>
  e instanceof DOMException && e.name === 'QuotaExceededError'
    ? "this provider's storage is full, so it could not record the job"
    : `this provider could not record the job (${errorText(e)})`

const newJob = (
  request: JobRequest,
  /** Each input's text, fetched: the job runs from these, never fetching again. */
  texts: string[],
  priceMsats: number,
  now: number,
  state: JobState,
): JobRecord => {
  const job: JobRecord = {
    id: request.id,
    customer: request.customer,
    requestedAt: request.createdAt,
    receivedAt: now,
    state,
    timeline: [{ state, at: now }],
    request: request.event,
    prompt: joinInputs(texts),
    priceMsats,
    replyRelays: request.relays,
    params: request.params,
    inputs: texts.map((text) => ({ type: 'text' as const, text })),
  }
  if (request.params.model) job.model = request.params.model
  if (request.encryption) job.encryption = request.encryption
  if (request.notes.length > 0) job.notes = request.notes
  return job
}
