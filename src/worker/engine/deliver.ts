import type { JobRecord } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Log } from '../log.ts'
import { backoffMs, sleep } from '../relay/backoff.ts'
import type { Finish } from './finish.ts'
import type { Inbox } from './customer-inbox.ts'
import type { Replies } from './replies.ts'

const DELIVERY_ATTEMPTS = 6
// The customer's relay list is usually cached by now (looked up when the job started).
const INBOX_WAIT_MS = 3000

export interface DeliverDeps {
  send: Replies['send']
  finish: Finish
  log: Log
  /** Whether one of our relays is connected: without one, publishing cannot even be tried. */
  connected: () => boolean
  inbox: Inbox
  ourRelays: () => string[]
  /** Of the customer's relays, those the provider may follow (the address policy). */
  followable: (urls: string[]) => string[]
}

/**
 * Where the customer reads: their `relays` tag, else their NIP-65 read relays, else ours. Only
 * the ones the provider may follow count; none of those left, ours do (the log says so).
 */
const readersOf = async (d: DeliverDeps, job: JobRecord) => {
  const named = job.replyRelays.length > 0
  const listed = named
    ? job.replyRelays
    : await d.inbox.readRelays(job.customer, AbortSignal.timeout(INBOX_WAIT_MS))
  const reachable = d.followable(listed)
  if (listed.length > 0 && reachable.length === 0)
    d.log(
      'info',
      `job ${job.id.slice(0, 8)}: none of the customer's relays may be followed; ours count as theirs`,
    )
  return { sendTo: named ? [] : listed, counted: reachable.length > 0 ? reachable : d.ourRelays() }
}

/**
 * A delivering job: publish its journaled result until a relay takes it, then it is completed.
 * A paid result counts only once a relay the customer reads took it. With no relay connected
 * (offline, or not yet back) it waits, delivering: the engine sends it again on every new relay
 * connection, Go Online included. When relays were there and none took it, the job ends failed,
 * and owed if it was paid.
 */
export const deliver = async (d: DeliverDeps, job: JobRecord): Promise<void> => {
  const event = job.resultEvent as NostrEvent
  const giveUp = new AbortController()
  const { sendTo, counted } = await readersOf(d, job)
  // Without a `relays` tag the result also goes to the customer's inbox relays (replyRelays
  // are there already); a free job is done once any relay took it, ours first.
  const relays = [...job.replyRelays, ...sendTo]
  const delivered = async () => {
    const sent = await d.send(event, relays).catch(() => null)
    if (!sent) return false
    const seen = (acked: string[]) => acked.some((url) => counted.includes(url))
    if (job.paidMsats === undefined) return sent.ours.length > 0 || (await sent.theirs).length > 0
    return seen(sent.ours) || seen(await sent.theirs)
  }
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (!d.connected()) {
      d.log(
        'warn',
        `job ${job.id.slice(0, 8)}: no relay connected; its result will be sent again when back online`,
      )
      return
    }
    if (await delivered()) {
      await d.finish(job, { kind: 'completed' })
      return
    }
    await sleep(backoffMs(attempt), giveUp.signal)
  }
  await d.finish(job, {
    kind: 'failed',
    cause: `no relay the customer reads accepted the result after ${DELIVERY_ATTEMPTS} tries`,
  })
}
