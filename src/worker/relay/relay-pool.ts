/**
 * Connections to the provider's relays: one loop per relay (`relay-loop.ts`: connect, AUTH,
 * subscribe, reconnect), their statuses in one list, and what the provider does through them.
 * Publishing goes through each relay's gate (its refusals, on their own terms), and
 * customers' relays through a small reused pool (`customer-relays.ts`).
 */
import type { Filter } from 'nostr-tools/filter'
import { generateSecretKey, type EventTemplate } from 'nostr-tools/pure'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { createRecentIds } from '../../shared/recent-ids.ts'
import type { RelayLimits, RelayStatus } from '../../shared/worker-api.ts'
import { createCustomerRelays, type CustomerRelaysOptions } from './customer-relays.ts'
import type { ProviderRelay } from './provider-relay.ts'
import { signEvent } from './signatures.ts'
import { serveRelay, type ConnectionOptions, type RelayLoopDeps } from './relay-loop.ts'
import {
  createRelayGate,
  publishToEach,
  type PublishOutcome,
  type RelayGate,
  type SendOptions,
} from './relay-gate.ts'
import { fetchRelayInfo } from './relay-info.ts'
import { firstFound, oneMatch } from './first-match.ts'

export type { PublishOutcome }

export interface RelayPoolOptions extends ConnectionOptions, Pick<CustomerRelaysOptions, 'mine'> {
  /**
   * Signs NIP-42 AUTH: the provider's key, or the NWC connection's. Left out (a read-only
   * watch), a key made for this pool answers, so AUTH-only relays can still be read.
   */
  signAuth?: CustomerRelaysOptions['signAuth']
  /** The most NIP-13 work done for one event (a setting); none when left out. */
  maxPowBits?: () => number
  urls: string[]
  onStatus(statuses: RelayStatus[]): void
  /** Follow customers to private, loopback and ws:// relays (a setting; tests need it). */
  allowPrivate?: () => boolean
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

const SEEN_IDS = 20_000
// A publish with no deadline of its own: long enough to outlast a few rate-limit pauses.
const PUBLISH_DEADLINE_MS = 120_000

export const createRelayPool = (o: RelayPoolOptions): RelayPool => {
  const closing = new AbortController()
  const anonymous = generateSecretKey()
  const signAuth = o.signAuth ?? ((t: EventTemplate) => signEvent(t, anonymous))
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

  const loop: RelayLoopDeps = {
    options: o,
    closing: closing.signal,
    signAuth,
    set,
    live,
    seen,
    watchSeen,
  }

  const readInfo = async (url: string) => {
    const info = await fetchRelayInfo(url, 5000, closing.signal)
    if (closing.signal.aborted) return
    if ('limits' in info) set(url, { limits: info.limits }, ['infoProblem'])
    else set(url, { infoProblem: info.problem })
  }

  for (const url of o.urls) void serveRelay(loop, url, readInfo(url))
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
