/**
 * Demand on the provider's relays: every text-generation request seen, counted by why it was or
 * was not taken, in five-minute buckets kept for a day. Bounded by construction: 288 buckets of
 * a few numbers each, whatever the relays send.
 */

/** Why a request seen on our relays was or was not taken by this provider. */
export type DemandReason =
  | 'taken'
  | 'other-provider'
  | 'bid-below-price'
  | 'model-not-offered'
  | 'encrypted-elsewhere'
  | 'limits'
  | 'wallet-not-ready'
  | 'offline'
  | 'invalid'

/** In the order the Market pane lists them, with the words it shows. */
export const DEMAND_REASONS: readonly { reason: DemandReason; words: string }[] = [
  { reason: 'taken', words: 'taken' },
  { reason: 'other-provider', words: 'for another provider' },
  { reason: 'bid-below-price', words: 'bid below price' },
  { reason: 'model-not-offered', words: 'model not offered' },
  { reason: 'encrypted-elsewhere', words: 'encrypted for someone else' },
  { reason: 'limits', words: 'refused by limits' },
  { reason: 'wallet-not-ready', words: 'wallet not ready' },
  { reason: 'offline', words: 'while offline' },
  { reason: 'invalid', words: 'malformed or expired' },
]

export const BUCKET_MS = 5 * 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

export type ReasonCounts = Partial<Record<DemandReason, number>>

export interface DemandBucket {
  /** Start of the bucket, ms, a multiple of BUCKET_MS. */
  start: number
  counts: ReasonCounts
}

export const bucketStart = (at: number) => Math.floor(at / BUCKET_MS) * BUCKET_MS

/** Count one request in its bucket; buckets older than a day are dropped. Keeps order by start. */
export const countDemand = (
  buckets: DemandBucket[],
  reason: DemandReason,
  at: number,
  now: number,
): DemandBucket[] => {
  const start = bucketStart(at)
  if (start <= now - DAY_MS || at > now + BUCKET_MS) return trimDemand(buckets, now)
  let bucket = buckets.find((b) => b.start === start)
  if (!bucket) {
    bucket = { start, counts: {} }
    buckets.push(bucket)
    buckets.sort((a, b) => a.start - b.start)
  }
  bucket.counts[reason] = (bucket.counts[reason] ?? 0) + 1
  return trimDemand(buckets, now)
}

export const trimDemand = (buckets: DemandBucket[], now: number): DemandBucket[] => {
  const cut = buckets.findIndex((b) => b.start > now - DAY_MS)
  if (cut > 0) buckets.splice(0, cut)
  else if (cut === -1) buckets.length = 0
  return buckets
}

/** Counts per reason over the buckets that start within `windowMs` before now. */
export const sumDemand = (
  buckets: readonly DemandBucket[],
  windowMs: number,
  now: number,
): Record<DemandReason, number> => {
  const sums = Object.fromEntries(DEMAND_REASONS.map((r) => [r.reason, 0])) as Record<
    DemandReason,
    number
  >
  for (const b of buckets) {
    if (b.start + BUCKET_MS <= now - windowMs) continue
    for (const { reason } of DEMAND_REASONS) sums[reason] += b.counts[reason] ?? 0
  }
  return sums
}
