/**
 * Signing and publishing what the provider says: results, feedback, announcements. Ours go
 * to our relays and wait for an acknowledgement; a customer's relays get theirs in the background.
 */
import { finalizeEvent } from 'nostr-tools/pure'
import {
  buildFeedback,
  type EventTemplate,
  type FeedbackOptions,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import { errorText, type Log } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import { sealFor } from './crypto.ts'

export interface RepliesDeps {
  secretKey: () => Uint8Array
  pool: () => Pick<RelayPool, 'publish' | 'publishElsewhere'> | null
  ourRelays: () => string[]
  now: () => number
  log: Log
}

/** Who a reply is for and how: enough of a job, or of a request not taken. */
export type ReplyTo = Pick<JobRecord, 'id' | 'customer' | 'encryption' | 'replyRelays'>

export type Feedback = Omit<FeedbackOptions, 'now'>

export interface Replies {
  sign(template: EventTemplate): NostrEvent
  /** True once one of our relays took it; the log says when none did. */
  publish(event: NostrEvent, replyRelays: string[]): Promise<boolean>
  /** Kind 7000 feedback, encrypted like its request; never throws. */
  feedback(to: ReplyTo, feedback: Feedback): Promise<void>
}

export const createReplies = (d: RepliesDeps): Replies => {
  const sign = (template: EventTemplate) => finalizeEvent(template, d.secretKey()) as NostrEvent

  const publish = async (event: NostrEvent, replyRelays: string[]) => {
    const pool = d.pool()
    const what = `kind ${event.kind} ${event.id.slice(0, 8)}`
    if (!pool) {
      d.log('warn', `not connected to any relay: ${what} not sent`)
      return false
    }
    // A customer's relay may be slow or dead: it gets its copy in the background, so it can hold
    // up neither this job nor the queue behind it.
    const theirs = replyRelays.filter((r) => !d.ourRelays().includes(r))
    if (theirs.length > 0) {
      const said = (why: string) =>
        d.log('debug', `kind ${event.kind} to the customer's relays: ${why}`)
      void pool.publishElsewhere(event, theirs).then(
        ({ errors }) => errors.length > 0 && said(errors.join('; ')),
        (e: unknown) => said(errorText(e)),
      )
    }
    const { acked, errors } = await pool.publish(event)
    if (acked.length > 0) return true
    d.log('warn', `no relay accepted ${what}: ${errors.join('; ') || 'none connected'}`)
    return false
  }

  const feedback = async (to: ReplyTo, o: Feedback) => {
    const ref = { id: to.id, customer: to.customer, encryption: to.encryption ?? null }
    const seal = sealFor(to.encryption, to.customer, d.secretKey())
    const template = buildFeedback(ref, { ...o, now: Math.floor(d.now() / 1000) }, seal)
    try {
      await publish(sign(template), to.replyRelays)
    } catch (e) {
      d.log('warn', `feedback for ${to.id.slice(0, 8)} not sent: ${errorText(e)}`)
    }
  }

  return { sign, publish, feedback }
}
