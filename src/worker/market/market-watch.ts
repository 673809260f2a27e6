/**
 * Watches the market on the provider's relays, online or not: every text-generation request,
 * the other providers' announcements, heartbeats and results. A subscription of its own with
 * its own limits (a rate cap, `limit`s on what relays send back), aggregated into the bounded
 * tally and saved now and then. It never answers anything: watching is read-only.
 */
import type { Filter } from 'nostr-tools/filter'
import {
  KIND_HANDLER_INFO,
  KIND_HEARTBEAT,
  KIND_TEXT_REQUEST,
  KIND_TEXT_RESULT,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import { DAY_MS, HOUR_MS } from '../../shared/market/demand.ts'
import type { MarketReport } from '../../shared/market/report.ts'
import {
  KIND_PROFILE,
  createMarketTally,
  type MarketTally,
  type RequestDetails,
} from '../../shared/market/tally.ts'
import type { MarketView } from '../../shared/market/view.ts'
import type { DemandReason } from '../../shared/market/demand.ts'
import { createRecentIds } from '../../shared/recent-ids.ts'
import { errorText, type Log } from '../log.ts'
import type { RelayPoolOptions, RelayPool } from '../relay/relay-pool.ts'
import { checkSigned } from '../relay/verify.ts'
import { createBackgroundQueue } from './background.ts'
import type { MarketStore } from '../store/market-store.ts'

export interface MarketWatchDeps {
  store: MarketStore
  view: () => MarketView
  log: Log
  now: () => number
  /** Opens the subscription on the given relays (the relay pool, in the app). */
  openPool: (o: Pick<RelayPoolOptions, 'urls' | 'filters' | 'onEvent' | 'onDrop'>) => RelayPool
  /** Market events taken per second at most; the rest are counted as dropped. */
  ratePerSecond?: number
  saveEveryMs?: number
}

export interface MarketWatch {
  /** (Re)start on these relays; an empty list stops watching. */
  watch(urls: readonly string[]): void
  /** Whether it is watching now (a subscription of its own is open). */
  watching(): boolean
  /**
   * Its filters now, for a subscription carried on other connections (the provider's). Without
   * requests: the provider's own subscription has them and hands them over (`take`), so no
   * request is sent, and verified, twice.
   */
  filters(): Filter[]
  /**
   * An event from such a subscription: counted exactly as one of its own. `unverified`: a
   * request the provider had no reason to verify (addressed to another provider), already in
   * shape; the watch checks its signature itself, if it counts it.
   */
  take(event: NostrEvent, unverified?: boolean): void
  /** The engine's verdict on a request that was ours to decide. */
  decided(event: NostrEvent, reason: DemandReason, details?: RequestDetails): void
  report(): MarketReport
  stop(): Promise<void>
}

const SEEN_IDS = 10_000

/** What only the watch subscribes to: no other subscription of the provider takes these. */
export const MARKET_ONLY_KINDS: ReadonlySet<number> = new Set([
  KIND_TEXT_RESULT,
  KIND_HANDLER_INFO,
  KIND_HEARTBEAT,
  KIND_PROFILE,
])

export const marketFilters = (now: number, unnamed: readonly string[]): Filter[] => {
  const day = Math.floor((now - DAY_MS) / 1000)
  const filters: Filter[] = [
    { kinds: [KIND_TEXT_REQUEST], since: day, limit: 500 },
    { kinds: [KIND_TEXT_RESULT], since: day, limit: 500 },
    { kinds: [KIND_HANDLER_INFO], '#k': [String(KIND_TEXT_REQUEST)], limit: 200 },
    { kinds: [KIND_HEARTBEAT], since: Math.floor((now - HOUR_MS) / 1000), limit: 300 },
  ]
  if (unnamed.length > 0) filters.push({ kinds: [KIND_PROFILE], authors: unnamed.slice(0, 100) })
  return filters
}

export const createMarketWatch = async (deps: MarketWatchDeps): Promise<MarketWatch> => {
  const rate = deps.ratePerSecond ?? 200
  const tally: MarketTally = createMarketTally(
    await deps.store.load().catch(() => undefined),
    deps.now(),
  )
  let pool: RelayPool | null = null
  let dirty = false
  const seen = createRecentIds(SEEN_IDS)
  let windowStart = 0
  let inWindow = 0

  // Counting waits for a moment when the worker has nothing more urgent (background.ts): a
  // customer's request never queues behind market events. In order, so the engine's verdict
  // on a request comes after the request itself.
  const later = createBackgroundQueue((e) =>
    deps.log('warn', `market watch: an event could not be counted: ${errorText(e)}`),
  )
  const queued = new Set<string>()

  const count = (event: NostrEvent, unverified: boolean, now: number) => {
    // Queued once (take checks `queued`), so not yet seen.
    queued.delete(event.id)
    // Verified only now, within the rate cap: a flood of requests for others costs no more.
    if (unverified && !checkSigned(event).ok) return tally.countDropped()
    seen.add(event.id)
    tally.observe(event, deps.view(), now)
    dirty = true
  }

  const take = (event: NostrEvent, unverified = false) => {
    // The same event arrives from every relay that has it: count it once.
    if (seen.has(event.id) || queued.has(event.id)) return
    const now = deps.now()
    if (now - windowStart >= 1000) {
      windowStart = now
      inWindow = 0
    }
    if (++inWindow > rate) return tally.countDropped()
    queued.add(event.id)
    later.push(() => count(event, unverified, now))
  }

  const save = async () => {
    later.flush()
    if (!dirty) return
    dirty = false
    try {
      await deps.store.save(tally.save())
    } catch (e) {
      deps.log('warn', `market figures not saved: ${errorText(e)}`)
    }
  }
  const timer = setInterval(() => void save(), deps.saveEveryMs ?? 15_000)

  const filters = () =>
    marketFilters(
      deps.now(),
      tally
        .report(deps.view(), deps.now())
        .providers.filter((p) => p.name.endsWith('…'))
        .map((p) => p.pubkey),
    )

  return {
    filters: () => filters().filter((f) => !f.kinds?.includes(KIND_TEXT_REQUEST)),
    take,
    watch(urls) {
      pool?.close()
      pool = null
      if (urls.length === 0) return
      pool = deps.openPool({
        urls: [...urls],
        filters: filters(),
        onEvent: (event) => take(event),
        onDrop: () => tally.countDropped(),
      })
    },
    watching: () => pool !== null,
    decided(event, reason, details = {}) {
      const now = deps.now()
      later.push(() => {
        tally.decided(event.id, reason, details, event.created_at, now)
        dirty = true
      })
    },
    report: () => {
      later.flush()
      return tally.report(deps.view(), deps.now())
    },
    async stop() {
      clearInterval(timer)
      pool?.close()
      pool = null
      await save()
    },
  }
}
