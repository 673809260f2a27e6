/**
 * The provider's subscription on one connection, kept open through what a relay's CLOSED
 * says: `auth-required:` is answered and the REQ sent again once (never a reconnect loop),
 * `rate-limited:` waits a growing pause, `restricted:`/`blocked:`/`invalid:` leave the
 * connection idle with the relay's words shown. Resolves with why it should reconnect.
 */
import type { Filter } from 'nostr-tools/filter'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { RecentIds } from '../../shared/recent-ids.ts'
import type { Log } from '../log.ts'
import { backoffMs, sleep } from './backoff.ts'
import type { ProviderRelay } from './provider-relay.ts'
import { readRefusal } from './refusal.ts'

// Relays deliver slightly out of order; resubscribe a little before the newest event seen.
const RESUBSCRIBE_OVERLAP_S = 60
// A relay that refused our REQ for good is asked again only after a long, growing pause.
const REFUSED_BASE_MS = 60_000
const REFUSED_CAP_MS = 30 * 60_000

export interface KeepSubscribed {
  relay: ProviderRelay
  filters: Filter[]
  /** The newest created_at seen, shared across this relay's connections. */
  since: { newest: number }
  /** Resolves when the connection closes. */
  closed: Promise<string>
  closing: AbortSignal
  onEvent: (event: NostrEvent) => void
  /** Events that passed unverified (ProviderRelay's `passes`); verified first when left out. */
  onPassing?: (event: NostrEvent) => void
  /**
   * Ids this subscription already had, across connections and relays: a copy is dropped
   * before it is parsed or verified. Only verified events are added.
   */
  seen?: RecentIds
  /** The relay refused the subscription; its words, for the relay list. */
  onRefused: (words: string) => void
  log: Log
  random?: () => number
}

export const keepSubscribed = async (k: KeepSubscribed): Promise<string> => {
  const url = k.relay.url
  let authTried = false
  let pauses = 0
  const stopped = new Promise<string>((resolve) =>
    k.closing.addEventListener('abort', () => resolve('closed'), { once: true }),
  )
  const gone = Promise.race([k.closed, stopped])
  for (;;) {
    if (k.closing.aborted || !k.relay.connected) return 'connection closed'
    const reason = await Promise.race([subscribeOnce(k), gone])
    if (k.closing.aborted || !k.relay.connected) return reason
    const r = readRefusal(reason.replace(/^subscription closed: /, ''))
    if (r.action === 'auth' && !authTried) {
      authTried = true
      if (await k.relay.whenAuthenticated()) {
        k.log('info', `${url}: subscribing again now that we are authenticated`)
        continue
      }
    }
    if (r.action === 'back-off') {
      const wait = backoffMs(pauses++, k.random, 1000, REFUSED_CAP_MS)
      k.onRefused(`${r.words} (asking again in ${Math.ceil(wait / 1000)} s)`)
      await Promise.race([sleep(wait, k.closing), gone])
      continue
    }
    if (r.action === 'retry') return reason
    // Refused for good on this connection (restricted, blocked, invalid, AUTH that failed):
    // keep it for publishing, say why, and ask again much later rather than in a loop.
    const wait = backoffMs(pauses++, k.random, REFUSED_BASE_MS, REFUSED_CAP_MS)
    const words =
      r.action === 'auth'
        ? `${r.words} (AUTH: ${k.relay.authProblem ?? 'no challenge came'})`
        : r.words
    k.onRefused(`subscription refused: ${words}`)
    k.log('warn', `${url}: subscription refused: ${words}`)
    authTried = false
    await Promise.race([sleep(wait, k.closing), gone])
  }
}

const subscribeOnce = (k: KeepSubscribed) =>
  new Promise<string>((resolve) => {
    const newest = k.since.newest
    const filters = k.filters.map((f) =>
      newest > 0 ? { ...f, since: Math.max(f.since ?? 0, newest - RESUBSCRIBE_OVERLAP_S) } : f,
    )
    const seen = k.seen
    k.relay.subscribe(filters, {
      ...(seen ? { alreadyHaveEvent: (id: string) => seen.has(id) } : {}),
      ...(k.onPassing ? { onpassing: k.onPassing } : {}),
      onevent: (event) => {
        seen?.add(event.id)
        // Never past now: one request dated in the future would move `since` past every
        // real request on the next resubscribe.
        const at = Math.min(event.created_at, Math.floor(Date.now() / 1000))
        k.since.newest = Math.max(k.since.newest, at)
        k.onEvent(event as NostrEvent)
      },
      onclose: (reason) => resolve(`subscription closed: ${reason}`),
    })
  })
