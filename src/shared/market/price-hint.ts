/**
 * The price hint: what the bids refused for price, and the other providers' prices, say about
 * ours. Arithmetic on the base price only (the per-1k part stays as the seller set it), so the
 * suggestion is one number the person can put into Settings and judge.
 */
import type { ProviderEntry } from './providers.ts'

/** A request refused because its bid was below our quote. */
export interface BidBelow {
  bidMsats: number
  /** The per-1k part of our quote for that request's max_tokens, msats. */
  tokenPartMsats: number
  /** The model that would run it, when that model has its own price (set in Models). */
  pricedModel?: string
}

export interface PriceHint {
  words: string
  /** A base price (sats per job) to suggest, when the bids argue for one. */
  suggestedSats?: number
}

/** How many refused requests a base price of `sats` would have taken. */
export const takenAt = (bids: readonly BidBelow[], sats: number): number =>
  bids.filter((b) => b.bidMsats >= sats * 1000 + b.tokenPartMsats).length

const median = (xs: number[]): number | undefined => {
  if (xs.length === 0) return undefined
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)]
}

export const priceHint = (o: {
  pricePerJobSats: number
  bidsBelow: readonly BidBelow[]
  /** Requests seen in the same window, for "of the last N". */
  seen: number
  others: readonly Pick<ProviderEntry, 'amount'>[]
}): PriceHint => {
  const parts: string[] = []
  let suggestedSats: number | undefined
  // A model with its own price is priced in Models: its bids say nothing of the default price.
  const bids = o.bidsBelow.filter((b) => b.pricedModel === undefined)
  const own = o.bidsBelow.flatMap((b) => (b.pricedModel === undefined ? [] : [b.pricedModel]))
  if (o.bidsBelow.length === 0) {
    parts.push('No request in the last day was lost to the price.')
  } else if (bids.length > 0) {
    // The base price each refused bid could have paid, whole sats; a median takes half of them.
    const room = bids.map((b) => Math.floor((b.bidMsats - b.tokenPartMsats) / 1000))
    const target = Math.max(0, median(room) ?? 0)
    if (target < o.pricePerJobSats) {
      suggestedSats = target
      const more = takenAt(bids, target)
      parts.push(
        `At ${target} sats per job you would have taken ${more} more of the last ${o.seen} requests.`,
      )
      if (Math.min(...room) < 0)
        parts.push(
          'Some bids were below the per-1k tokens part alone; lower that price to take them.',
        )
    } else {
      parts.push(
        `${bids.length} request(s) bid below the price for their length; lower "Price per 1k tokens" to take them.`,
      )
    }
  }
  if (own.length > 0)
    parts.push(
      `${own.length} request(s) bid below the own price of ${[...new Set(own)].slice(0, 3).join(', ')}; change it in Models.`,
    )
  const priced = o.others.flatMap((p) => (typeof p.amount === 'number' ? [p.amount / 1000] : []))
  const free = o.others.filter((p) => p.amount === 'free').length
  if (priced.length > 0) {
    const lo = Math.min(...priced)
    const hi = Math.max(...priced)
    parts.push(
      `Other providers ask ${lo === hi ? `${fmt(lo)} sats` : `${fmt(lo)} to ${fmt(hi)} sats (median ${fmt(median(priced) ?? lo)})`}; you ask ${o.pricePerJobSats} sats per job.`,
    )
  }
  if (free > 0)
    parts.push(
      free === 1 ? 'One other provider works for free.' : `${free} other providers work for free.`,
    )
  return suggestedSats === undefined
    ? { words: parts.join(' ') }
    : { words: parts.join(' '), suggestedSats }
}

const fmt = (sats: number) => (Number.isInteger(sats) ? String(sats) : sats.toFixed(1))
