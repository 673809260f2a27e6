import type { DemandReason } from './demand.ts'
import type { PriceHint } from './price-hint.ts'

/** What the Market pane shows: the worker computes it from the tally on request. */
export interface MarketReport {
  /** One row per reason, counted over the last hour and the last day. */
  demand: { reason: DemandReason; words: string; hour: number; day: number }[]
  total: { hour: number; day: number }
  /** Bids seen on every request in the last day, whole sats. */
  bids: { count: number; lowestSats: number; medianSats: number; highestSats: number } | null
  /** Models asked for that this provider does not offer, most asked first. */
  modelsAsked: { model: string; count: number }[]
  /** The busiest 50 other providers; `providerCount` says how many are known in all. */
  providers: ProviderRow[]
  providerCount: number
  hint: PriceHint
  /** Since when (ms) the market has been watched, and market events dropped by its limits. */
  watchingSince: number
  dropped: number
}

export interface ProviderRow {
  pubkey: string
  name: string
  models: string[]
  /** Their price in words: "free", "21 sats", or "not stated". */
  price: string
  /** Their newest heartbeat, announcement or result, ms. */
  lastSeen: number
  /** Whether their last heartbeat said they are online and is under 15 minutes old. */
  live: boolean
  resultsHour: number
  resultsDay: number
  /** Results that answered requests this provider did not take, last day. */
  answeredMisses: number
}
