/**
 * What to do with one request, decided from the request and a view of the provider, with no
 * effect: table-tested in decide.test.ts. Intake builds the view and applies the decision.
 */
import { decideJob } from '../../shared/job-decision.ts'
import type { JobRecord, JobState } from '../../shared/job-state.ts'
import {
  detectEncryption,
  joinInputs,
  parseJobRequest,
  type JobRequest,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import { quoteMsats } from '../../shared/pricing.ts'
import type { IgnoreReason, RefuseReason } from '../../shared/request-reason.ts'
import type { Result } from '../../shared/result.ts'
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { decryptRequestTags } from './crypto.ts'
import type { Feedback, ReplyTo } from './replies.ts'

export interface RequestView {
  provider: { pubkey: string; secretKey: Uint8Array }
  settings: Pick<
    Settings,
    | 'blocklist'
    | 'allowlist'
    | 'rateLimitPerMinute'
    | 'queueCapacity'
    | 'pricePerJobSats'
    | 'pricePer1kTokensSats'
    | 'modelPrices'
    | 'maxTokensCap'
    | 'offeredModels'
    | 'defaultModel'
    | 'fallbackToDefaultModel'
    | 'numCtx'
  >
  /** The models Ollama has, and those found unable to run here. */
  ollama: Pick<OllamaStatus, 'models' | 'unusable'>
  /** The journal already has a job for this request id. */
  known: boolean
  /** In ms. */
  now: number
  /** Requests created before this (seconds) are too old. */
  notBefore: number
  /** Requests this customer made in the last minute that counted against the limit. */
  recentRequests: number
  /** Taking new jobs (not while going offline). */
  accepting: boolean
  queueSize: number
  /** Jobs with an invoice out: they hold a place in the queue, since once paid they must run. */
  awaitingPayment: number
  /** The wallet is ready to invoice. */
  canInvoice: boolean
  /** Throwaway keys of this provider's own test jobs: served free, like the allowlist. */
  testKeys: ReadonlySet<string>
}

export type Decision =
  /** No reply. `log` is absent for a replay of a job already taken: that is no drop. */
  | { action: 'ignore'; reason: IgnoreReason; log?: string; countsTowardRate?: true }
  | {
      action: 'refuse'
      reason: RefuseReason
      to: ReplyTo
      feedback: Feedback
      log?: string
      countsTowardRate?: true
    }
  /** Ours and able to run: fetch its event and job inputs, then `decideResolved` says the rest. */
  | {
      action: 'resolve'
      request: JobRequest
      to: ReplyTo
      /** The model that will run it: the job is quoted at its price. */
      model: string
      countsTowardRate: true
    }
  /** Journal as awaiting payment, then invoice (if the wallet's invoice limits allow). */
  | { action: 'invoice'; job: JobRecord; countsTowardRate?: true }
  /** Journal as queued, then run. */
  | { action: 'queue'; job: JobRecord; countsTowardRate?: true }

/** Every input's text, fetched, and the prompt they make; or why they cannot be used. */
export type ResolvedInputs = Result<{ texts: string[]; prompt: string }>

const refusal = (
  reason: RefuseReason,
  to: ReplyTo,
  feedback: Omit<Feedback, 'status'>,
  extra: { log?: string; countsTowardRate?: true } = {},
): Decision => ({
  action: 'refuse',
  reason,
  to,
  feedback: { status: 'error', ...feedback },
  ...extra,
})

export const decideRequest = (event: NostrEvent, view: RequestView): Decision => {
  const id = event.id.slice(0, 8)
  const { settings, provider } = view
  if (settings.blocklist.includes(event.pubkey)) {
    const log = `request ${id} from blocked customer ${event.pubkey.slice(0, 8)}`
    return { action: 'ignore', reason: 'blocked', log }
  }
  if (view.known) return { action: 'ignore', reason: 'known' }
  let privateTags: string[][] | undefined
  if (
    event.tags.some((t) => t[0] === 'encrypted') &&
    event.tags.some((t) => t[0] === 'p' && t[1] === provider.pubkey)
  ) {
    const tags = decryptRequestTags(event, provider.secretKey)
    if (!tags.ok)
      return { action: 'ignore', reason: 'undecryptable', log: `request ${id}: ${tags.error}` }
    privateTags = tags.value
  }
  const parsed = parseJobRequest(event, {
    providerPubkey: provider.pubkey,
    now: Math.floor(view.now / 1000),
    notBefore: view.notBefore,
    ...(privateTags ? { privateTags } : {}),
  })
  if (!parsed.ok) {
    const { action, code, reason } = parsed.error
    if (action === 'ignore')
      return { action, reason: code, log: `request ${id} ignored: ${reason}` }
    // A refused encrypted request is still answered the way it was asked.
    const encryption = privateTags ? (detectEncryption(event.content) ?? undefined) : undefined
    const to = { id: event.id, customer: event.pubkey, encryption, replyRelays: [] }
    const feedback: Feedback = { status: 'error', text: `Refused: ${reason}` }
    return { action, reason: code, to, feedback, log: `request ${id} refused: ${reason}` }
  }
  const request = parsed.value
  const to = {
    id: event.id,
    customer: event.pubkey,
    encryption: request.encryption ?? undefined,
    replyRelays: request.relays,
  }
  if (view.recentRequests >= settings.rateLimitPerMinute) {
    const text = `Rate limited: at most ${settings.rateLimitPerMinute} requests a minute; try again shortly`
    return refusal('rate-limited', to, { text })
  }
  // The model, and whether the job fits it, before any price or invoice: a request that cannot
  // run is refused now, never after it was paid.
  const decided = decideJob(request, settings, view.ollama)
  if (!decided.ok)
    return refusal(
      'model-not-offered',
      to,
      { text: `Refused: ${decided.error}` },
      { log: `request ${id} refused: ${decided.error}`, countsTowardRate: true },
    )
  return { action: 'resolve', request, to, model: decided.value.model.name, countsTowardRate: true }
}

/**
 * The rest of the decision, once the inputs are fetched: priced and bounded by what the model
 * will read. The rate limit was counted when the request was sent to be resolved.
 */
export const decideResolved = (
  request: JobRequest,
  to: ReplyTo,
  resolved: ResolvedInputs,
  view: RequestView,
  /** The model that will run it (from `decideRequest`); its own prices apply, if it has any. */
  model?: string,
): Decision => {
  const id = request.id.slice(0, 8)
  const { settings } = view
  if (!resolved.ok)
    return refusal(
      'inputs-unusable',
      to,
      { text: `Refused: ${resolved.error}` },
      { log: `request ${id} refused: ${resolved.error}` },
    )
  const { prompt, texts } = resolved.value
  const test = view.testKeys.has(request.customer)
  const price =
    test || settings.allowlist.includes(request.customer)
      ? 0
      : quoteMsats(settings, request.params.maxTokens, prompt.length, model)
  if (request.bidMsats !== undefined && request.bidMsats < price) {
    const text = `Your bid of ${request.bidMsats} msats is below the price of ${price} msats (${price / 1000} sats)`
    return refusal('bid-below-price', to, { text, amount: { msats: price } })
  }
  if (!view.accepting)
    return {
      action: 'ignore',
      reason: 'while-offline',
      log: `request ${id} arrived while going offline`,
    }
  if (view.queueSize + view.awaitingPayment >= settings.queueCapacity)
    return refusal('queue-full', to, { text: 'Busy: the queue is full, try again in a minute' })
  if (price > 0 && !view.canInvoice) {
    const text =
      "This provider can't take payments right now (its wallet is not ready); try again later"
    return refusal('wallet-not-ready', to, { text })
  }
  const state = price > 0 ? 'awaiting-payment' : 'queued'
  const job = newJob(request, texts, price, view.now, state)
  if (test) job.test = true
  return { action: price > 0 ? 'invoice' : 'queue', job }
}

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
