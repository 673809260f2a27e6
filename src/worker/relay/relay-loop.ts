/**
 * One relay of the provider's, for as long as the pool is open: connect, answer AUTH,
 * subscribe (and the watch's subscription beside it), and on any close reconnect with backoff
 * and jitter, resubscribing from where it left off. Its state goes to the pool's status list.
 */
import type { Filter } from 'nostr-tools/filter'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { RecentIds } from '../../shared/recent-ids.ts'
import type { RelayStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { backoffMs, sleep } from './backoff.ts'
import { ProviderRelay, type ProviderRelayOptions } from './provider-relay.ts'
import { keepSubscribed } from './subscription.ts'

/** What each connection of the pool subscribes to and tells (the pool's options). */
export interface ConnectionOptions {
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
    /** The events that `passes` let through, unverified, on either subscription. */
    onPassing?(event: NostrEvent, relay: string): void
    /**
     * Events of the kinds only the watch asks for (results, announcements, heartbeats,
     * profiles): the watch verifies them itself, within its rate cap, so a busy market costs
     * no signature checks ahead of a customer's request. Combined into `passes` by the owner.
     */
    passes?: (event: NostrEvent) => boolean
  }
  /**
   * Events on the first subscription that the provider will not act on whatever their
   * signature says (requests addressed to another provider): never verified, never given to
   * `onEvent`, only to the watch's `onPassing`.
   */
  passes?: (event: NostrEvent) => boolean
  /** A frame or event was dropped (malformed, oversized, bad signature). */
  onDrop(reason: string, relay: string): void
  log: Log
  WebSocket?: typeof WebSocket
  random?: () => number
  connectTimeoutMs?: number
}

export interface RelayLoopDeps {
  options: ConnectionOptions
  closing: AbortSignal
  signAuth: ProviderRelayOptions['signAuth']
  /** Change this relay's entry in the status list (`clear`: fields that no longer hold). */
  set: (url: string, patch: Partial<RelayStatus>, clear?: (keyof RelayStatus)[]) => void
  /** The connections open now, by relay: publishing and lookups use them. */
  live: Map<string, ProviderRelay>
  /** What each subscription already had, across relays and connections. */
  seen: RecentIds
  watchSeen: RecentIds
}

const INFO_WAIT_MS = 3000

/** Runs until the pool closes; `info` settles once the relay's NIP-11 document is read. */
export const serveRelay = async (d: RelayLoopDeps, url: string, info: Promise<void>) => {
  const { options: o, closing, set, live, seen, watchSeen, signAuth } = d
  const makeRelay = () =>
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
  const watchOn = (relay: ProviderRelay, since: { newest: number }, closed: Promise<string>) => {
    const watch = o.watch
    if (!watch) return
    void keepSubscribed({
      relay,
      filters: watch.filters,
      seen: watchSeen,
      since,
      closed,
      closing,
      onEvent: (event) => watch.onEvent(event, url),
      onPassing: (event) => watch.onPassing?.(event, url),
      onRefused: (words) => o.log('debug', `${url}: market subscription: ${words}`),
      log: (_level, message) => o.log('debug', `market subscription: ${message}`),
      ...(o.random ? { random: o.random } : {}),
    })
  }

  const since = { newest: 0 }
  const watchSince = { newest: 0 }
  let attempts = 0
  while (!closing.aborted) {
    set(url, { state: 'connecting', attempts }, ['auth', 'authProblem'])
    const relay = makeRelay()
    const closed = new Promise<string>((resolve) => {
      relay.onclose = () => resolve('connection closed')
    })
    try {
      // nostr-tools sets `onabort` on the signal it is given, so each connect gets its own.
      await relay.connect({
        timeout: o.connectTimeoutMs ?? 10_000,
        abort: AbortSignal.any([closing]),
      })
    } catch (e) {
      attempts++
      const wait = backoffMs(attempts, o.random)
      const reason = `could not connect (${errorText(e)})`
      set(url, { state: 'disconnected', reason, attempts, retryAt: Date.now() + wait })
      o.log('warn', `${url}: ${reason}; retrying in ${Math.round(wait / 1000)} s`)
      relay.close()
      await sleep(wait, closing)
      continue
    }
    // The first connection waits briefly for the relay's NIP-11 document (fetched meanwhile),
    // so "connected" arrives with the limits instead of one change after it.
    await Promise.race([info, sleep(INFO_WAIT_MS, closing)])
    if (closing.aborted) break
    attempts = 0
    live.set(url, relay)
    set(url, { state: 'connected', attempts: 0 }, ['reason', 'retryAt'])
    o.log('info', `${url}: connected`)
    if (o.watch) watchOn(relay, watchSince, closed)
    const reason = await keepSubscribed({
      relay,
      filters: o.filters,
      seen,
      onPassing: (event) => o.watch?.onPassing?.(event, url),
      since,
      closed,
      closing,
      onEvent: (event) => o.onEvent(event, url),
      onRefused: (words) => set(url, { reason: words }),
      log: o.log,
      ...(o.random ? { random: o.random } : {}),
    })
    live.delete(url)
    relay.close()
    if (closing.aborted) break
    attempts++
    const wait = backoffMs(attempts, o.random)
    set(url, { state: 'disconnected', reason, attempts, retryAt: Date.now() + wait })
    o.log('warn', `${url}: ${reason}; reconnecting in ${Math.round(wait / 1000)} s`)
    await sleep(wait, closing)
  }
}
