/**
 * Connections to the provider's relays: one loop per relay that connects, subscribes,
 * and on any close reconnects with backoff and jitter, resubscribing from where it left off.
 */
import { AbstractRelay } from 'nostr-tools/abstract-relay'
import type { Filter } from 'nostr-tools/filter'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { RelayStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { backoffMs, sleep } from './backoff.ts'
import { checkEvent } from './verify.ts'

export interface RelayPoolOptions {
  urls: string[]
  /** What to subscribe to; `since` is moved forward on resubscribe. */
  filters: Filter[]
  onEvent(event: NostrEvent, relay: string): void
  onStatus(statuses: RelayStatus[]): void
  /** A frame or event was dropped (malformed, oversized, bad signature). */
  onDrop(reason: string, relay: string): void
  log: Log
  WebSocket?: typeof WebSocket
  random?: () => number
  connectTimeoutMs?: number
}

export interface PublishOutcome {
  acked: string[]
  errors: string[]
}

export interface RelayPool {
  /** Publish to every connected relay and `extra`; resolves with the relays that acked OK. */
  /** Publish to every connected relay of ours; resolves with the relays that acked OK. */
  publish(event: NostrEvent): Promise<PublishOutcome>
  /** Publish to other relays (a customer's) over short-lived connections; ours are skipped. */
  publishElsewhere(event: NostrEvent, urls: string[]): Promise<PublishOutcome>
  /** First event matching `filter` from the connected relays and `hints`, or null. */
  get(
    filter: Filter,
    hints: string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<NostrEvent | null>
  statuses(): RelayStatus[]
  connectedCount(): number
  close(): void
}

// Relays deliver slightly out of order; resubscribe a little before the newest event seen.
const RESUBSCRIBE_OVERLAP_S = 60

export const createRelayPool = (o: RelayPoolOptions): RelayPool => {
  const closing = new AbortController()
  const status = new Map<string, RelayStatus>(
    o.urls.map((url) => [url, { url, state: 'connecting', attempts: 0 }]),
  )
  const live = new Map<string, AbstractRelay>()
  const emit = () => o.onStatus([...status.values()].map((s) => ({ ...s })))
  const set = (url: string, patch: Partial<RelayStatus>) => {
    const prev = status.get(url) ?? { url, state: 'connecting' as const, attempts: 0 }
    const next = { ...prev, ...patch }
    if (patch.state === 'connected') {
      delete next.reason
      delete next.retryAt
    }
    status.set(url, next)
    emit()
  }

  const makeRelay = (url: string) => {
    const opts = {
      verifyEvent: (raw: unknown) => {
        const checked = checkEvent(raw)
        if ('error' in checked) o.onDrop(checked.error, url)
        return !('error' in checked)
      },
      enablePing: true,
      enableReconnect: false,
      ...(o.WebSocket ? { websocketImplementation: o.WebSocket } : {}),
    }
    const relay = new AbstractRelay(url, opts as ConstructorParameters<typeof AbstractRelay>[1])
    // A relay may send anything as a notice: never assume a string.
    relay.onnotice = (msg) => o.log('debug', `${url} notice: ${String(msg).slice(0, 200)}`)
    return relay
  }

  const serve = async (url: string) => {
    let newest = 0
    let attempts = 0
    while (!closing.signal.aborted) {
      set(url, { state: 'connecting', attempts })
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
      if (closing.signal.aborted) break
      attempts = 0
      live.set(url, relay)
      set(url, { state: 'connected', attempts: 0 })
      o.log('info', `${url}: connected`)
      const filters = o.filters.map((f) =>
        newest > 0 ? { ...f, since: Math.max(f.since ?? 0, newest - RESUBSCRIBE_OVERLAP_S) } : f,
      )
      const subClosed = new Promise<string>((resolve) => {
        relay.subscribe(filters, {
          onevent: (event) => {
            // Never past now: one request dated in the future would move `since` past every
            // real request on the next resubscribe.
            newest = Math.max(newest, Math.min(event.created_at, Math.floor(Date.now() / 1000)))
            o.onEvent(event as NostrEvent, url)
          },
          onclose: (reason) => resolve(`subscription closed: ${reason}`),
        })
      })
      const reason = await Promise.race([closed, subClosed, abortPromise(closing.signal)])
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

  for (const url of o.urls) void serve(url)
  emit()

  const sendTo = async (targets: AbstractRelay[], event: NostrEvent): Promise<PublishOutcome> => {
    const results = await Promise.allSettled(
      targets.map(async (relay) => {
        if (!relay.connected)
          await relay.connect({ timeout: 5000, abort: AbortSignal.any([closing.signal]) })
        await relay.publish(event)
        return relay.url
      }),
    )
    const acked: string[] = []
    const errors: string[] = []
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') acked.push(r.value)
      else errors.push(`${targets[i]?.url}: ${errorText(r.reason)}`)
    })
    return { acked, errors }
  }

  return {
    publish: (event) => sendTo([...live.values()], event),
    async publishElsewhere(event, urls) {
      const transient = urls.filter((url) => !status.has(url)).map(makeRelay)
      try {
        return await sendTo(transient, event)
      } finally {
        for (const relay of transient) relay.close()
      }
    },
    async get(filter, hints, timeoutMs, signal) {
      const relays = [...live.values()]
      const transient = hints.filter((h) => !live.has(h)).map(makeRelay)
      const deadline = AbortSignal.any([signal, closing.signal, AbortSignal.timeout(timeoutMs)])
      try {
        return await new Promise<NostrEvent | null>((resolve) => {
          let pending = relays.length + transient.length
          const done = () => --pending <= 0 && resolve(null)
          if (pending === 0) resolve(null)
          deadline.addEventListener('abort', () => resolve(null), { once: true })
          for (const relay of [...relays, ...transient]) {
            const start = relay.connected
              ? Promise.resolve()
              : relay.connect({ timeout: timeoutMs, abort: AbortSignal.any([deadline]) })
            start
              .then(() => {
                const sub = relay.subscribe([{ ...filter, limit: 1 }], {
                  onevent: (e) => resolve(e as NostrEvent),
                  oneose: () => {
                    sub.close()
                    done()
                  },
                  abort: deadline,
                })
              })
              .catch(done)
          }
        })
      } finally {
        for (const relay of transient) relay.close()
      }
    },
    statuses: () => [...status.values()].map((s) => ({ ...s })),
    connectedCount: () => live.size,
    close() {
      closing.abort()
      for (const relay of live.values()) relay.close()
      live.clear()
    },
  }
}

const abortPromise = (signal: AbortSignal) =>
  new Promise<string>((resolve) =>
    signal.addEventListener('abort', () => resolve('closed'), { once: true }),
  )
