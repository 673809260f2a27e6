/**
 * Signing and publishing what the provider says: results, feedback, announcements. Ours go
 * to our relays and wait for an acknowledgement; a customer's relays get theirs in the background.
 */
import {
  buildFeedback,
  type EventTemplate,
  type FeedbackOptions,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import { fitEventSize, sizeLimitsOf, type SizeLimits } from '../../shared/nip90/fit-size.ts'
import { errorText, type Log } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import { signEvent } from '../relay/signatures.ts'
import type { Activity } from './activity.ts'
import { sealFor } from './crypto.ts'

export interface RepliesDeps {
  secretKey: () => Uint8Array
  pool: () => Pick<RelayPool, 'publish' | 'publishElsewhere' | 'limitsOf'> | null
  ourRelays: () => string[]
  now: () => number
  log: Log
  /** Counts a publish as in flight until it settles (activity.ts: the engine's idle). */
  track: Activity['track']
}

/** Who a reply is for and how: enough of a job, or of a request not taken. */
export type ReplyTo = Pick<JobRecord, 'id' | 'customer' | 'encryption' | 'replyRelays'>

export type Feedback = Omit<FeedbackOptions, 'now'>

/** Which relays took a result: ours now; the customer's once they answer (never rejects). */
export interface Sent {
  ours: string[]
  theirs: Promise<string[]>
}

export interface Replies {
  sign(template: EventTemplate): NostrEvent
  /** True once one of our relays took it; the log says when none did. */
  publish(event: NostrEvent, replyRelays: string[]): Promise<boolean>
  /** Publish to ours and to `relays` (the customer's), and say which took it; null: no pool. */
  send(event: NostrEvent, relays: string[]): Promise<Sent | null>
  /** The strictest size limits of our relays and these (strfry's defaults at least). */
  sizeLimits(relays: string[]): SizeLimits
  /** Kind 7000 feedback, encrypted like its request; never throws. */
  feedback(to: ReplyTo, feedback: Feedback): Promise<void>
  /** The same feedback signed now, to send later (`sendFeedback`); null when it cannot be. */
  signFeedback(to: ReplyTo, feedback: Feedback): NostrEvent | null
  /** Publish feedback signed by `signFeedback`; never throws. */
  sendFeedback(to: ReplyTo, event: NostrEvent | null): Promise<void>
}

export const createReplies = (d: RepliesDeps): Replies => {
  const sign = (template: EventTemplate) => signEvent(template, d.secretKey()) as NostrEvent

  const send = async (event: NostrEvent, relays: string[]): Promise<Sent | null> => {
    const pool = d.pool()
    if (!pool) return null
    // A customer's relay may be slow or dead: it gets its copy in the background, so it can hold
    // up neither this job nor the queue behind it, unless the caller chooses to wait for it.
    const theirs = relays.filter((r) => !d.ourRelays().includes(r))
    const said = (why: string) =>
      d.log('debug', `kind ${event.kind} to the customer's relays: ${why}`)
    const elsewhere =
      theirs.length === 0
        ? Promise.resolve([])
        : d.track(pool.publishElsewhere(event, theirs)).then(
            ({ acked, errors }) => (errors.length > 0 && said(errors.join('; ')), acked),
            (e: unknown) => (said(errorText(e)), []),
          )
    const { acked, errors } = await d.track(pool.publish(event))
    if (acked.length === 0)
      d.log(
        'warn',
        `no relay of ours accepted kind ${event.kind} ${event.id.slice(0, 8)}: ${errors.join('; ') || 'none connected'}`,
      )
    return { ours: acked, theirs: elsewhere }
  }

  const publish = async (event: NostrEvent, replyRelays: string[]) => {
    const sent = await send(event, replyRelays)
    if (!sent)
      d.log(
        'warn',
        `not connected to any relay: kind ${event.kind} ${event.id.slice(0, 8)} not sent`,
      )
    return (sent?.ours.length ?? 0) > 0
  }

  const sizeLimits = (relays: string[]) =>
    sizeLimitsOf(d.pool()?.limitsOf([...d.ourRelays(), ...relays]) ?? [])

  const signFeedback = (to: ReplyTo, o: Feedback): NostrEvent | null => {
    try {
      const ref = { id: to.id, customer: to.customer, encryption: to.encryption ?? null }
      const seal = sealFor(to.encryption, to.customer, d.secretKey())
      const built = buildFeedback(ref, { ...o, now: Math.floor(d.now() / 1000) }, seal)
      // A partial carries the answer so far: past the relays' size limit it is left out.
      const fitted = fitEventSize(built, sizeLimits(to.replyRelays))
      if (fitted.ok) return sign(fitted.value.template)
      d.log('debug', `${o.status} feedback for ${to.id.slice(0, 8)} not sent: ${fitted.error}`)
    } catch (e) {
      d.log('warn', `feedback for ${to.id.slice(0, 8)} not sent: ${errorText(e)}`)
    }
    return null
  }

  const sendFeedback = async (to: ReplyTo, event: NostrEvent | null) => {
    if (event === null) return
    try {
      await publish(event, to.replyRelays)
    } catch (e) {
      d.log('warn', `feedback for ${to.id.slice(0, 8)} not sent: ${errorText(e)}`)
    }
  }

  return {
    sign,
    publish,
    send,
    sizeLimits,
    signFeedback,
    sendFeedback,
    feedback: (to, o) => sendFeedback(to, signFeedback(to, o)),
  }
}
