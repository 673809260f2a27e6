/**
 * The Market report computed from the tally: demand by reason over the last hour and day, the
 * bids, the models asked for, the other providers and the price hint. Kept apart from report.ts
 * (the shapes): the worker API imports those, and the view used here imports the worker API.
 */
import {
  DAY_MS,
  DEMAND_REASONS,
  HOUR_MS,
  sumDemand,
  trimDemand,
  type DemandReason,
} from './demand.ts'
import { priceHint } from './price-hint.ts'
import { sumHours, type ProviderEntry } from './providers.ts'
import type { MarketReport, ProviderRow } from './report.ts'
import type { SavedMarket, Sighting } from './saved.ts'
import type { MarketView } from './view.ts'

const LIVE_MS = 15 * 60_000

/** The report on the tally `m` (its `demand` is trimmed to the day in place), as `view` sees it. */
export const marketReport = (m: SavedMarket, view: MarketView, now: number): MarketReport => {
  trimDemand(m.demand, now)
  const hour = sumDemand(m.demand, HOUR_MS, now)
  const day = sumDemand(m.demand, DAY_MS, now)
  const dayBids = m.bids.filter(([t]) => t > now - DAY_MS).map(([, b]) => Math.floor(b / 1000))
  dayBids.sort((a, b) => a - b)
  // Lost to the price: refused for the bid, or seen while offline with a bid under today's
  // quote (what a person deciding whether to go online wants to know).
  const quote = (x: Sighting) => view.quoteMsats(x.maxTokens, x.model)
  const below = m.sightings.filter(
    (x) =>
      x.at > now - DAY_MS &&
      (x.reason === 'bid-below-price' ||
        (x.reason === 'offline' && x.bidMsats !== undefined && x.bidMsats < quote(x))),
  )
  const others = m.providers.filter((p) => p.pubkey !== view.pubkey)
  const sum = (r: Record<DemandReason, number>) => Object.values(r).reduce((a, b) => a + b, 0)
  return {
    demand: DEMAND_REASONS.map(({ reason, words }) => ({
      reason,
      words,
      hour: hour[reason],
      day: day[reason],
    })),
    total: { hour: sum(hour), day: sum(day) },
    bids:
      dayBids.length === 0
        ? null
        : {
            count: dayBids.length,
            lowestSats: dayBids[0] as number,
            medianSats: dayBids[Math.floor((dayBids.length - 1) / 2)] as number,
            highestSats: dayBids[dayBids.length - 1] as number,
          },
    modelsAsked: Object.entries(m.modelsAsked)
      .map(([model, count]) => ({ model, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    providers: others
      .map((p) => providerRow(p, now))
      .sort(byResults)
      .slice(0, 50),
    providerCount: others.length,
    hint: priceHint({
      pricePerJobSats: view.pricePerJobSats,
      bidsBelow: below.map((x) => {
        const pricedModel = view.pricedModel?.(x.model)
        return {
          bidMsats: x.bidMsats ?? 0,
          tokenPartMsats: view.tokenPartMsats(x.maxTokens, x.model),
          ...(pricedModel === undefined ? {} : { pricedModel }),
        }
      }),
      seen: sum(day),
      others,
    }),
    watchingSince: m.since,
    dropped: m.dropped,
  }
}

const providerRow = (p: ProviderEntry, now: number): ProviderRow => ({
  pubkey: p.pubkey,
  name: p.name ?? `${p.pubkey.slice(0, 8)}…`,
  models: p.models,
  price:
    p.amount === undefined
      ? 'not stated'
      : p.amount === 'free'
        ? 'free'
        : `${p.amount / 1000} sats`,
  lastSeen: p.lastSeen,
  live:
    p.heartbeatAt !== undefined && p.heartbeatAt > now - LIVE_MS && p.heartbeatStatus !== 'offline',
  resultsHour: sumHours(p.results, HOUR_MS, now),
  resultsDay: sumHours(p.results, DAY_MS, now),
  answeredMisses: sumHours(p.answeredMisses, DAY_MS, now),
})

const byResults = (a: ProviderRow, b: ProviderRow) =>
  b.resultsDay - a.resultsDay || b.lastSeen - a.lastSeen
