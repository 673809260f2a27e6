/**
 * Connections to relays a customer named (their `relays` tag, an input's hint, their kind
 * 10002 list): checked against the address policy before any connection, then kept in a small
 * pool and reused, closed after an idle minute. A `partial` every 2 s rides one connection
 * instead of opening a new one each time.
 */
import type { Filter } from 'nostr-tools/filter'
import { customerRelayProblem } from '../../shared/relay-address.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { RelayLimits } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { ProviderRelay, type ProviderRelayOptions } from './provider-relay.ts'
import {
  createRelayGate,
  type RelayGate,
  publishToEach,
  type PublishOutcome,
  type RelayGateOptions,
  type SendOptions,
} from './relay-gate.ts'
import { fetchRelayInfo } from './relay-info.ts'
import { firstFound, oneMatch } from './first-match.ts'

export interface CustomerRelaysOptions extends Pick<
  ProviderRelayOptions,
  'signAuth' | 'WebSocket'
> {
  /** The setting: follow customers to private, loopback and ws:// relays too. */
  allowPrivate: () => boolean
  maxPowBits: RelayGateOptions['maxPowBits']
  mine?: RelayGateOptions['mine']
  onDrop: (reason: string, relay: string) => void
  log: Log
  /** Open connections at most; the least recently used idle one makes room. */
  cap?: number
  idleMs?: number
  connectTimeoutMs?: number
}

export interface CustomerRelays {
  /** The first `max` relays the provider may follow; the others are said once in the log. */
  sift(urls: string[], max: number): string[]
  publish(event: NostrEvent, urls: string[], o: SendOptions): Promise<PublishOutcome>
  /** First event matching `filter` on these relays, or null by the deadline. */
  get(
    filter: Filter,
    urls: string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<NostrEvent | null>
  limits(url: string): RelayLimits | undefined
  /** Connections open now (for tests and the log). */
  openCount(): number
  /** Every connection ever opened by this pool. */
  openedCount(): number
  close(): void
}

interface Entry {
  relay: ProviderRelay
  ready: Promise<ProviderRelay>
  users: number
  lastUsed: number
  idle?: ReturnType<typeof setTimeout>
}

const MEMORY = 500
// Relays of one customer followed for one event: enough for their inbox, too few to aim at a LAN.
const MAX_NAMED = 4

export const createCustomerRelays = (o: CustomerRelaysOptions): CustomerRelays => {
  const cap = o.cap ?? 8
  const idleMs = o.idleMs ?? 60_000
  const entries = new Map<string, Entry>()
  const gates = new Map<string, RelayGate>()
  const limits = new Map<string, RelayLimits>()
  const said = new Set<string>()
  const closing = new AbortController()
  let opened = 0

  const remember = <K, V>(map: Map<K, V> | Set<K>, key: K, value?: V) => {
    if (map instanceof Set) map.add(key)
    else map.set(key, value as V)
    if (map.size > MEMORY) map.delete(map.keys().next().value as K)
  }

  const sift = (urls: string[], max: number) => {
    const allowed: string[] = []
    for (const url of new Set(urls)) {
      const problem = customerRelayProblem(url, { allowPrivate: o.allowPrivate() })
      if (problem === undefined && allowed.length < max) allowed.push(url)
      else if (!said.has(url)) {
        remember(said, url)
        o.log(
          'info',
          `customer relay ${url.slice(0, 80)} not followed: ${problem ?? `more than ${max} named`}`,
        )
      }
    }
    return allowed
  }

  const drop = (url: string, entry: Entry) => {
    if (entries.get(url) === entry) entries.delete(url)
    clearTimeout(entry.idle)
    entry.relay.onclose = null
    entry.relay.close()
  }

  const makeRoom = () => {
    if (entries.size < cap) return
    const idle = [...entries]
      .filter(([, e]) => e.users === 0)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed)
    const oldest = idle[0]
    if (!oldest) throw new Error(`${cap} customer relays are in use at once; try again shortly`)
    drop(oldest[0], oldest[1])
  }

  const acquire = async (url: string): Promise<[ProviderRelay, () => void]> => {
    let entry = entries.get(url)
    if (!entry) {
      makeRoom()
      const relay = new ProviderRelay(url, {
        signAuth: o.signAuth,
        onDrop: (reason) => o.onDrop(reason, url),
        ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
      })
      opened++
      const ready = relay
        .connect({ timeout: o.connectTimeoutMs ?? 5000, abort: AbortSignal.any([closing.signal]) })
        .then(() => relay)
      const made: Entry = { relay, ready, users: 0, lastUsed: Date.now() }
      relay.onclose = () => drop(url, made)
      ready.catch(() => drop(url, made))
      entries.set(url, made)
      entry = made
      if (!limits.has(url))
        void fetchRelayInfo(url, 5000, closing.signal).then((info) => {
          if ('limits' in info) remember(limits, url, info.limits)
        })
    }
    const held = entry
    held.users++
    clearTimeout(held.idle)
    const release = () => {
      held.users--
      held.lastUsed = Date.now()
      if (held.users === 0) held.idle = setTimeout(() => drop(url, held), idleMs)
    }
    try {
      return [await held.ready, release]
    } catch (e) {
      release()
      throw e
    }
  }

  const gateOf = (url: string) => {
    let gate = gates.get(url)
    if (!gate) {
      gate = createRelayGate({
        url,
        log: o.log,
        maxPowBits: o.maxPowBits,
        minPowBits: () => limits.get(url)?.minPowDifficulty,
        ...(o.mine ? { mine: o.mine } : {}),
      })
      remember(gates, url, gate)
    }
    return gate
  }

  const publishTo = async (url: string, event: NostrEvent, so: SendOptions) => {
    const send = async (e: NostrEvent) => {
      const [relay, release] = await acquire(url)
      try {
        await relay.publishAuthed(e)
      } finally {
        release()
      }
    }
    return gateOf(url).publish(event, send, so)
  }

  return {
    sift,
    async publish(event, named, so) {
      const urls = sift(named, MAX_NAMED)
      return publishToEach(urls, (url) => publishTo(url, event, so))
    },
    get(filter, named, timeoutMs, signal) {
      const deadline = AbortSignal.any([signal, closing.signal, AbortSignal.timeout(timeoutMs)])
      const lookUp = async (url: string) => {
        const [relay, release] = await acquire(url)
        return oneMatch(relay, filter, deadline).finally(release)
      }
      return firstFound(
        sift(named, MAX_NAMED).map((url) =>
          lookUp(url).catch((e: unknown) => {
            o.log('debug', `${url}: ${errorText(e)}`)
            return null
          }),
        ),
      )
    },
    limits: (url) => limits.get(url),
    openCount: () => entries.size,
    openedCount: () => opened,
    close() {
      closing.abort()
      for (const [url, entry] of entries) drop(url, entry)
    },
  }
}
