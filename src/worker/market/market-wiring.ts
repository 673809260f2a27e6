/**
 * The market watch as the engine runs it: on the provider's relays, online or not (so a person
 * can look before going online), reading the provider's view live.
 */
import { marketView } from '../../shared/market/view.ts'
import type { Settings } from '../../shared/settings.ts'
import type { EngineSnapshot } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import { createRelayPool, type RelayPoolOptions } from '../relay/relay-pool.ts'
import type { Database } from '../store/db.ts'
import { createMarketStore } from '../store/market-store.ts'
import type { MarketFeed } from '../engine/serving.ts'
import { createMarketWatch, MARKET_ONLY_KINDS } from './market-watch.ts'
import { requestFacts } from '../../shared/market/classify.ts'
import type { DemandReason } from '../../shared/market/demand.ts'
import type { RequestDetails } from '../../shared/market/tally.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'

export interface MarketDeps {
  db: Database
  settings: () => Settings
  snapshot: () => Pick<EngineSnapshot, 'provider' | 'state' | 'ollama'>
  log: Log
  now: () => number
  /** Answers relays' NIP-42 AUTH with the provider's key, as the job subscription does. */
  signAuth: RelayPoolOptions['signAuth']
  WebSocket?: typeof WebSocket
}

export const startMarket = async (deps: MarketDeps) => {
  // The job subscription already reports each relay's state; the watch's own words are detail.
  const quiet: Log = (_level, message) => deps.log('debug', `market watch: ${message}`)
  const watch = await createMarketWatch({
    store: createMarketStore(deps.db),
    log: deps.log,
    now: deps.now,
    view: () => {
      const s = deps.snapshot()
      return marketView(deps.settings(), {
        pubkey: s.provider.pubkey,
        online: s.state === 'online',
        installed: s.ollama.models,
      })
    },
    openPool: (o) =>
      createRelayPool({
        ...o,
        onStatus: () => undefined,
        log: quiet,
        signAuth: deps.signAuth,
        ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
      }),
  })
  // Its own connections open when someone looks (the Market pane) while offline, never at
  // start-up. Online, it rides on the provider's connections as a second subscription.
  let wanted = false
  let online = false
  const feed: MarketFeed = {
    watch: () => ({
      filters: watch.filters(),
      onEvent: (event) => watch.take(event),
      onPassing: (event) => watch.take(event, true),
      passes: (event) => MARKET_ONLY_KINDS.has(event.kind),
    }),
    online: (on) => {
      online = on
      if (on) watch.watch([])
      else if (wanted) watch.watch(deps.settings().relays)
    },
  }
  return {
    ...watch,
    feed,
    /** Someone looked: watch the relays in Settings from now on, if not already. */
    begin: () => {
      wanted = true
      if (!online && !watch.watching()) watch.watch(deps.settings().relays)
    },
    /** The engine's verdict on a request that was ours to decide, counted by its reason. */
    outcome: (event: NostrEvent, reason: DemandReason) => {
      const facts = requestFacts(event, deps.snapshot().provider.pubkey)
      const details: RequestDetails = {}
      if (facts.bidMsats !== undefined) details.bidMsats = facts.bidMsats
      if (facts.maxTokens !== undefined) details.maxTokens = facts.maxTokens
      if (facts.model !== undefined) details.model = facts.model
      watch.decided(event, reason, details)
    },
    /** The relays changed in Settings: follow them if watching on its own connections. */
    relaysChanged: () => {
      if (watch.watching()) watch.watch(deps.settings().relays)
    },
  }
}

export type Market = Awaited<ReturnType<typeof startMarket>>
