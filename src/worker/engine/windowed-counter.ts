/**
 * Counts by key over a sliding window of time, in fixed buckets: memory is bounded by the
 * number of buckets times `maxKeys`, however many events arrive, and a total sums buckets, never
 * events. Times are ms; a bucket counts whole, so a window edge is exact to one bucket.
 */
export interface WindowedCounterOptions {
  bucketMs: number
  /** How far back totals can look; older buckets are dropped. */
  windowMs: number
  /** Distinct keys one bucket keeps; a new key beyond them is not counted (a flood of keys). */
  maxKeys?: number
}

export interface WindowedCounter<K extends string> {
  add(key: K, at: number, n?: number): void
  /** What was added in the buckets from `since` (ms) to now, by key. */
  totals(now: number, since: number): Map<K, number>
  /** One key's total from `since` to now. */
  count(key: K, now: number, since: number): number
}

export const createWindowedCounter = <K extends string>(
  o: WindowedCounterOptions,
): WindowedCounter<K> => {
  const maxKeys = o.maxKeys ?? Number.POSITIVE_INFINITY
  // Bucket index -> counts; a Map keeps insertion order, which is time order here.
  const buckets = new Map<number, Map<K, number>>()
  const indexOf = (at: number) => Math.floor(at / o.bucketMs)

  const prune = (now: number) => {
    const oldest = indexOf(now - o.windowMs)
    for (const index of buckets.keys()) {
      if (index >= oldest) break
      buckets.delete(index)
    }
  }

  const each = (now: number, since: number, visit: (counts: Map<K, number>) => void) => {
    prune(now)
    const first = indexOf(Math.max(since, now - o.windowMs))
    for (const [index, counts] of buckets) if (index >= first) visit(counts)
  }

  return {
    add(key, at, n = 1) {
      prune(at)
      const index = indexOf(at)
      let counts = buckets.get(index)
      if (!counts) {
        counts = new Map()
        buckets.set(index, counts)
        // A late add for an older bucket: keep the map in time order.
        if ([...buckets.keys()].some((k) => k > index)) {
          const sorted = [...buckets].sort(([a], [b]) => a - b)
          buckets.clear()
          for (const [k, v] of sorted) buckets.set(k, v)
        }
      }
      if (!counts.has(key) && counts.size >= maxKeys) return
      counts.set(key, (counts.get(key) ?? 0) + n)
    },
    totals(now, since) {
      const sums = new Map<K, number>()
      each(now, since, (counts) => {
        for (const [key, n] of counts) sums.set(key, (sums.get(key) ?? 0) + n)
      })
      return sums
    },
    count(key, now, since) {
      let sum = 0
      each(now, since, (counts) => (sum += counts.get(key) ?? 0))
      return sum
    },
  }
}
