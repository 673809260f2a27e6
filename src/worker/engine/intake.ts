import { shortNpub } from '../../shared/customer-key.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import type { DemandReason } from '../../shared/market/demand.ts'
import { DEMAND_OF_REASON } from '../../shared/market/reasons.ts'
import {
  KIND_DELETION,
  KIND_TEXT_REQUEST,
  withNotes,
  type JobInput,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import { createRateLimiter } from '../../shared/rate-limit.ts'
import { createRecentIds } from '../../shared/recent-ids.ts'
import type { IgnoreReason } from '../../shared/request-reason.ts'
import { errorText, type Log } from '../log.ts'
import {
  decideRequest,
  decideResolved,
  type Decision,
  type RequestView,
  type ResolvedInputs,
} from './decide.ts'
import type { Activity } from './activity.ts'
import { isKnownError, type Journal } from './journal.ts'
import type { JobQueue } from './queue.ts'
import type { Refusal } from './refusals.ts'
import type { Replies } from './replies.ts'

const SEEN_CAPACITY = 20_000
// Up to eight fetches run at once, each with its own 5 s deadline.
const INPUTS_TIMEOUT_MS = 10_000

export interface IntakeDeps {
  /** Everything a decision reads but the request, the queue and the rate limit. */
  view: () => Omit<RequestView, 'known' | 'queueSize' | 'recentRequests'>
  has: (id: string) => Promise<boolean>
  journal: Pick<Journal, 'create'>
  feedback: Replies['feedback']
  queue: Pick<JobQueue, 'push' | 'position' | 'size' | 'hasFreeSlot'>
  /** Run a new job in the free slot once `journaled` resolves (jobs.start). */
  start: (job: JobRecord, journaled: Promise<JobRecord | 'known' | null>) => void
  log: Log
  /** A request or frame dropped unanswered: said in the log, counted. */
  onDrop: (reason: string) => void
  /** A kind 5 deletion: the engine cancels the jobs it names if its author asked for them. */
  onDeletion: (event: NostrEvent) => void
  /** Event and job inputs fetched from the relays (inputs.ts), bounded. */
  resolveInputs: (inputs: readonly JobInput[], signal: AbortSignal) => Promise<ResolvedInputs>
  /**
   * Why this customer's paid request gets no invoice now, or null (invoice-limits.ts). Asked
   * only when an invoice is about to be made, since a yes counts against the wallet's limits.
   */
  invoiceRefusal: (customer: string) => string | null
  /** A paid job was journaled as awaiting payment: invoice it and watch. */
  onAwaitingPayment: (job: JobRecord) => Promise<void>
  /** A request refused, with why: counted and said in the log (refusals.ts), never dropped. */
  onRefused: (refusal: Refusal) => void
  /** How a request that was ours to decide went, in the Market pane's terms. */
  onOutcome?: (event: NostrEvent, reason: DemandReason) => void
  /** Counts a request as in flight until it is decided and applied (activity.ts). */
  track: Activity['track']
}

/** Reasons that hold only for requests that were never ours: none of them is in the journal. */
const NEVER_JOURNALED: ReadonlySet<IgnoreReason> = new Set([
  'blocked',
  'not-a-text-request',
  'for-another-provider',
  'encrypted-for-someone-else',
])

/** A decision whose effect a replay of a journaled job must not repeat (checked first). */
const needsKnownCheck = (decision: Decision): boolean =>
  decision.action === 'refuse' ||
  decision.action === 'invoice' ||
  (decision.action === 'ignore' && !NEVER_JOURNALED.has(decision.reason))

/**
 * Every event from every relay comes through here once: dedupe by id, decide (decide.ts), then
 * apply the decision. Nothing here may throw into the relay loop.
 *
 * Is the request new? The in-memory `seen` set answers within a session; across reloads the
 * journal does. Most requests are new, so a request is decided as new first and the journal is
 * asked only where the answer changes something: a job taken is journaled with an add that
 * fails for a job it holds (the write is the check, no read before it); a reply or an invoice
 * reads first, so that a replay is never answered twice; a request that was never ours (for
 * another provider, say) is not looked up at all.
 */
export const createIntake = (d: IntakeDeps) => {
  const seen = createRecentIds(SEEN_CAPACITY)
  // decide.ts compares the count with the setting; this only keeps the hits.
  const limiter = createRateLimiter(() => Number.POSITIVE_INFINITY)

  /**
   * Journal a new job. When the database refuses (full, or gone), nothing pretends otherwise:
   * the log says why and the customer is told the job was not taken.
   */
  const record = async (job: JobRecord, start = false): Promise<JobRecord | 'known' | null> => {
    try {
      return await d.journal.create(
        job,
        start ? { to: 'running', patch: { startedAt: job.receivedAt } } : undefined,
      )
    } catch (e) {
      if (isKnownError(e)) return 'known'
      const why = storageProblem(e)
      d.log('error', `job ${job.id.slice(0, 8)} not taken: ${why}`)
      await d.feedback(job, { status: 'error', text: `Not taken: ${why}; try again later` })
      return null
    }
  }

  /**
   * `unchecked`: the view said "new" without asking the journal (see above); `counted` is when
   * this request's rate-limit hit was recorded, taken back if it turns out to be a replay.
   */
  const apply = async (
    event: NostrEvent,
    decision: Decision,
    view: RequestView,
    unchecked = false,
    counted?: number,
  ): Promise<void> => {
    const told = (reason: DemandReason | null) => {
      if (reason !== null) d.onOutcome?.(event, reason)
    }
    const replay = () => {
      if (counted !== undefined) limiter.forget(event.pubkey, counted)
      told(DEMAND_OF_REASON.known)
    }
    if (unchecked && needsKnownCheck(decision) && (await d.has(event.id))) return replay()
    if (decision.countsTowardRate) {
      limiter.record(event.pubkey, view.now)
      counted = view.now
    }
    switch (decision.action) {
      case 'ignore':
        told(DEMAND_OF_REASON[decision.reason])
        // A replay of a job already journaled is no drop: relays resend on every resubscribe.
        return decision.log === undefined ? undefined : d.onDrop(decision.log)
      case 'refuse':
        told(DEMAND_OF_REASON[decision.reason])
        d.onRefused({
          reason: decision.reason,
          customer: event.pubkey,
          requestId: event.id,
          ...(decision.log ? { detail: decision.log } : {}),
        })
        return d.feedback(decision.to, decision.feedback)
      case 'resolve': {
        // Priced, bounded and journaled from what the model will read, fetched inputs included.
        const signal = AbortSignal.timeout(INPUTS_TIMEOUT_MS)
        const resolved = await d.resolveInputs(decision.request.inputs, signal)
        const next = decideResolved(
          decision.request,
          decision.to,
          resolved,
          fresh(view),
          decision.model,
        )
        return apply(event, next, view, unchecked, counted)
      }
      case 'invoice': {
        // Asked only now, since a yes counts against the wallet's limits; a no is a refusal
        // like any other (already checked against the journal, already counted).
        const refused = d.invoiceRefusal(decision.job.customer)
        if (refused !== null) {
          const refusal: Decision = {
            action: 'refuse',
            reason: 'invoice-limit',
            to: decision.job,
            feedback: { status: 'error', text: refused },
            log: `request ${event.id.slice(0, 8)}: no invoice: ${refused}`,
          }
          return apply(event, refusal, view, false, counted)
        }
        const job = await record(decision.job)
        if (job === 'known') return replay()
        if (!job) return
        told('taken')
        d.log('info', `job ${job.id.slice(0, 8)} from ${shortNpub(job.customer)} awaits payment`)
        return d.onAwaitingPayment(job)
      }
      case 'queue': {
        // A free slot: journaled straight to running and handed to the runner, which waits
        // for this write before it sends anything.
        const now = d.queue.hasFreeSlot()
        const written = record(decision.job, now)
        if (now) d.start(decision.job, written)
        const job = await written
        if (job === 'known') return replay()
        if (!job) return
        told('taken')
        d.log('info', `job ${job.id.slice(0, 8)} accepted from ${shortNpub(job.customer)}`)
        if (now) return
        d.queue.push(job.id)
        const position = d.queue.position(job.id)
        if (position > 0) {
          const text = withNotes(`Queued: position ${position}`, job.notes)
          await d.feedback(job, { status: 'processing', text })
        }
      }
    }
  }

  /** The provider as it is now (fetching inputs takes time: queue and wallet may have moved). */
  const fresh = (before: Pick<RequestView, 'known' | 'recentRequests'>): RequestView => ({
    ...d.view(),
    known: before.known,
    recentRequests: before.recentRequests,
    queueSize: d.queue.size(),
  })

  const accept = async (event: NostrEvent) => {
    const view = fresh({
      known: false,
      recentRequests: limiter.count(event.pubkey, d.view().now),
    })
    const decision = decideRequest(event, view)
    // Fetching event or job inputs is an effect too: not for a replay.
    const fetches =
      decision.action === 'resolve' && decision.request.inputs.some((i) => i.type !== 'text')
    if (!fetches) return apply(event, decision, view, true)
    const checked = fresh({ known: await d.has(event.id), recentRequests: view.recentRequests })
    await apply(event, decideRequest(event, checked), checked)
  }

  return (event: NostrEvent) => {
    if (seen.has(event.id)) return
    seen.add(event.id)
    if (event.kind === KIND_DELETION) return d.onDeletion(event)
    if (event.kind !== KIND_TEXT_REQUEST) return
    d.track(accept(event)).catch((e) =>
      d.log('error', `request ${event.id.slice(0, 8)}: ${errorText(e)}`),
    )
  }
}

const storageProblem = (e: unknown): string =>
  e instanceof DOMException && e.name === 'QuotaExceededError'
    ? "this provider's storage is full, so it could not record the job"
    : `this provider could not record the job (${errorText(e)})`
