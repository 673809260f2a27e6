/**
 * Connections to the provider's relays: one loop per relay that connects, answers AUTH,
 * subscribes, and on any close reconnects with backoff and jitter, resubscribing from where it
 * left off. Publishing goes through each relay's gate (its refusals, on their own terms), and
 * customers' relays through a small reused pool (`customer-relays.ts`).
 */
import type { Filter } from 'nostr-tools/filter'
import { finalizeEvent, generateSecretKey, type EventTemplate } from 'nostr-tools/pure'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { createRecentIds } from '../../shared/recent-ids.ts'
import type { RelayLimits, RelayStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { backoffMs, sleep } from './backoff.ts'
import { createCustomerRelays, type CustomerRelaysOptions } from './customer-relays.ts'
import { ProviderRelay } from './provider-relay.ts'
import {
  createRelayGate,
  publishToEach,
  type PublishOutcome,
  type RelayGate,
  type SendOptions,
} from './relay-gate.ts'
import { fetchRelayInfo } from './relay-info.ts'
import { firstFound, oneMatch } from './first-match.ts'
import { keepSubscribed } from './subscription.ts'

export type { PublishOutcome }

export interface RelayPoolOptions extends Pick<CustomerRelaysOptions, 'mine'> {
  /**
   * Signs NIP-42 AUTH: the provider's key, or the NWC connection's. Left out (a read-only
   * watch), a key made for this pool answers, so AUTH-only relays can still be read.
   */
  signAuth?: CustomerRelaysOptions['signAuth']
  /** The most NIP-13 work done for one event (a setting); none when left out. */
  maxPowBits?: () => number
  urls: string[]
  /** What to subscribe to; `since` is moved forward on resubscribe. */
  filters: Filter[]
  onEvent(event: NostrEvent, relay: string): void
  /**
   * A second subscription on the same connections, kept apart from the first (the market
   * watch): its refusals never reconnect or mark the relay, its events go to its own handler.
   */
  watch?: {
    filters: Filter[]
    onEvent(event: NostrEvent, relay: string): void
    /** The first subscription's events that `passes` let through, unverified. */
    onPassing?(event: NostrEvent, relay: string): void
  }
  /**
   * Events on the first subscription that the provider will not act on whatever their
   * signature says (requests addressed to another provider): never verified, never given to
   * `onEvent`, only to the watch's `onPassing`.
   */
  passes?: (event: NostrEvent) => boolean
  onStatus(statuses: RelayStatus[]): void
  /** A frame or event was dropped (malformed, oversized, bad signature). */
  onDrop(reason: string, relay: string): void
  log: Log
  /** Follow customers to private, loopback and ws:// relays (a setting; tests need it). */
  allowPrivate?: () => boolean
  WebSocket?: typeof WebSocket
  random?: () => number
  connectTimeoutMs?: number
}

export interface RelayPool {
  /** Publish to every connected relay of ours; resolves with the relays that acked OK. */
  publish(event: NostrEvent, o?: Partial<SendOptions>): Promise<PublishOutcome>
  /** Publish to a customer's relays over pooled connections; ours are skipped. */
  publishElsewhere(
    event: NostrEvent,
    urls: string[],
    o?: Partial<SendOptions>,
  ): Promise<PublishOutcome>
  /** First event matching `filter` from the connected relays and `hints`, or null. */
  get(
    filter: Filter,
    hints: string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<NostrEvent | null>
  /** The customer relays (of these) the provider may follow, at most `max`; ours always. */
  followable(urls: string[], max: number): string[]
  /** The NIP-11 limits known for these relays (ours and customers'). */
  limitsOf(urls: string[]): RelayLimits[]
  statuses(): RelayStatus[]
  connectedCount(): number
  /** Connections ever opened to customers' relays, for tests and the log. */
  customerConnections(): number
  close(): void
}

const INFO_WAIT_MS = 3000
const SEEN_IDS = 20_000
// A publish with no deadline of its own: long enough to outlast a few rate-limit pauses.
const PUBLISH_DEADLINE_MS = 120_000

export const createRelayPool = (o: RelayPoolOptions): RelayPool => {
  const closing = new AbortController()
  const anonymous = generateSecretKey()
  const signAuth = o.signAuth ?? ((t: EventTemplate) => finalizeEvent(t, anonymous))
  const status = new Map<string, RelayStatus>(
    o.urls.map((url) => [url, { url, state: 'connecting', attempts: 0 }]),
  )
  const live = new Map<string, ProviderRelay>()
  // Each subscription's events come once whatever the relays resend: a copy costs no verify.
  const seen = createRecentIds(SEEN_IDS)
  const watchSeen = createRecentIds(SEEN_IDS)
  const emit = () => o.onStatus([...status.values()].map((s) => ({ ...s })))
  const set = (url: string, patch: Partial<RelayStatus>, clear: (keyof RelayStatus)[] = []) => {
    const next = {
      ...(status.get(url) ?? { url, state: 'connecting' as const, attempts: 0 }),
      ...patch,
    }
    for (const key of clear) delete next[key]
    status.set(url, next)
    emit()
  }
  const maxPowBits = o.maxPowBits ?? (() => 0)
  const gates = new Map<string, RelayGate>(
    o.urls.map((url) => [
      url,
      createRelayGate({
        url,
        log: o.log,
        maxPowBits,
        minPowBits: () => status.get(url)?.limits?.minPowDifficulty,
        onChange: (g) => set(url, g, g.rateLimitedUntil ? [] : ['rateLimitedUntil']),
        ...(o.mine ? { mine: o.mine } : {}),
        ...(o.random ? { random: o.random } : {}),
      }),
    ]),
  )
  const customers = createCustomerRelays({
    signAuth,
    allowPrivate: o.allowPrivate ?? (() => false),
    maxPowBits,
    onDrop: o.onDrop,
    log: o.log,
    ...(o.mine ? { mine: o.mine } : {}),
    ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
  })

  const makeRelay = (url: string) =>
    new ProviderRelay(url, {
      signAuth,
      onAuth: (auth, problem) => {
        set(
          url,
          { auth, ...(problem ? { authProblem: problem } : {}) },
          problem ? [] : ['authProblem'],
        )
        if (auth === 'authenticated') o.log('info', `${url}: authenticated (NIP-42)`)
        if (problem) o.log('warn', `${url}: AUTH failed: ${problem}`)
      },
      onDrop: (reason) => o.onDrop(reason, url),
      onNotice: (msg) => o.log('debug', `${url} notice: ${msg}`),
      ...(o.passes ? { passes: o.passes } : {}),
      ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
    })

  // Its own REQ on the connection: the relay's answers to it are the watch's business only.
  const watchOn = (
    relay: ProviderRelay,
    url: string,
    since: { newest: number },
    closed: Promise<string>,
  ) => {
    const watch = o.watch
    if (!watch) return
    void keepSubscribed({
      relay,
      filters: watch.filters,
      seen: watchSeen,
      since,
      closed,
      closing: closing.signal,
      onEvent: (event) => watch.onEvent(event, url),
      onRefused: (words) => o.log('debug', `${url}: market subscription: ${words}`),
      log: (_level, message) => o.log('debug', `market subscription: ${message}`),
      ...(o.random ? { random: o.random } : {}),
    })
  }

  const serve = async (url: string, info: Promise<void>) => {
    const since = { newest: 0 }
    const watchSince = { newest: 0 }
    let attempts = 0
    while (!closing.signal.aborted) {
      set(url, { state: 'connecting', attempts }, ['auth', 'authProblem'])
      const relay = makeRelay(url)
      const closed = new Promise<string>((resolve) => {
        relay.onclose = () => resolve('connection closed')
      })
      try {
        // nostr-tools sets `onabort` on the signal it is given, so each connect gets its own.
        await relay.connect({
          timeout: o.connectTimeoutMs ?? 10_000,
          abort: AbortSignal.any([closing.signal]),
        })
      } catch (e) {
        attempts++
        const wait = backoffMs(attempts, o.random)
        const reason = `could not connect (${errorText(e)})`
        set(url, { state: 'disconnected', reason, attempts, retryAt: Date.now() + wait })
        o.log('warn', `${url}: ${reason}; retrying in ${Math.round(wait / 1000)} s`)
        relay.close()
        await sleep(wait, closing.signal)
        continue
      }
      // The first connection waits briefly for the relay's NIP-11 document (fetched meanwhile),
      // so "connected" arrives with the limits instead of one change after it.
      await Promise.race([info, sleep(INFO_WAIT_MS, closing.signal)])
      if (closing.signal.aborted) break
      attempts = 0
      live.set(url, relay)
      set(url, { state: 'connected', attempts: 0 }, ['reason', 'retryAt'])
      o.log('info', `${url}: connected`)
      if (o.watch) watchOn(relay, url, watchSince, closed)
      const reason = await keepSubscribed({
        relay,
        filters: o.filters,
        seen,
        onPassing: (event) => o.watch?.onPassing?.(event, url),
        since,
        closed,
        closing: closing.signal,
        onEvent: (event) => o.onEvent(event, url),
        onRefused: (words) => set(url, { reason: words }),
        log: o.log,
        ...(o.random ? { random: o.random } : {}),
      })
      live.delete(url)
      relay.close()
      if (closing.signal.aborted) break
      attempts++
      const wait = backoffMs(attempts, o.random)
      set(url, { state: 'disconnected', reason, attempts, retryAt: Date.now() + wait })
      o.log('warn', `${url}: ${reason}; reconnecting in ${Math.round(wait / 1000)} s`)
      await sleep(wait, closing.signal)
    }
  }

  const readInfo = async (url: string) => {
    const info = await fetchRelayInfo(url, 5000, closing.signal)
    if (closing.signal.aborted) return
    if ('limits' in info) set(url, { limits: info.limits }, ['infoProblem'])
    else set(url, { infoProblem: info.problem })
  }

  for (const url of o.urls) void serve(url, readInfo(url))
  emit()

  const sendOptions = (so: Partial<SendOptions> = {}): SendOptions => ({
    patient: so.patient ?? true,
    signal: AbortSignal.any([
      closing.signal,
      so.signal ?? AbortSignal.timeout(PUBLISH_DEADLINE_MS),
    ]),
  })

  return {
    publish(event, so) {
      const options = sendOptions(so)
      const send = (url: string) => async (e: NostrEvent) => {
        const relay = live.get(url)
        if (!relay) throw new Error('not connected')
        await relay.publishAuthed(e)
      }
      return publishToEach([...live.keys()], (url) =>
        (gates.get(url) as RelayGate).publish(event, send(url), options),
      )
    },
    publishElsewhere: (event, urls, so) =>
      customers.publish(
        event,
        urls.filter((url) => !status.has(url)),
        sendOptions(so),
      ),
    get(filter, hints, timeoutMs, signal) {
      const deadline = AbortSignal.any([signal, closing.signal, AbortSignal.timeout(timeoutMs)])
      const theirs = hints.filter((h) => !status.has(h))
      return firstFound([
        ...[...live.values()].map((relay) => oneMatch(relay, filter, deadline)),
        customers.get(filter, theirs, timeoutMs, deadline),
      ])
    },
    followable: (urls, max) => [
      ...urls.filter((u) => status.has(u)),
      ...customers.sift(
        urls.filter((u) => !status.has(u)),
        max,
      ),
    ],
    limitsOf: (urls) =>
      urls.flatMap((url) => {
        const l = status.get(url)?.limits ?? customers.limits(url)
        return l ? [l] : []
      }),
    statuses: () => [...status.values()].map((s) => ({ ...s })),
    connectedCount: () => live.size,
    customerConnections: customers.openedCount,
    close() {
      closing.abort()
      for (const relay of live.values()) relay.close()
      live.clear()
      customers.close()
    },
  }
}
