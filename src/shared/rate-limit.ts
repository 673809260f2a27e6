/** Per-key sliding window: at most `limit` hits per `windowMs`. Pure: time is passed in. */
export const createRateLimiter = (limit: () => number, windowMs = 60_000) => {
  const hits = new Map<string, number[]>()
  return {
    /** Records the hit when allowed. */
    allow(key: string, now: number): boolean {
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs)
      if (recent.length >= limit()) {
        hits.set(key, recent)
        return false
      }
      recent.push(now)
      hits.set(key, recent)
      // Forget quiet customers so the map stays small.
      if (hits.size > 10_000) {
        for (const [k, ts] of hits) if ((ts.at(-1) ?? 0) <= now - windowMs) hits.delete(k)
      }
      return true
    },
    /** Hits for `key` within the window before `now` (for a caller that decides itself). */
    count: (key: string, now: number): number =>
      (hits.get(key) ?? []).filter((t) => t > now - windowMs).length,
    /** Record a hit whatever the limit. */
    record(key: string, now: number): void {
      hits.set(key, [...(hits.get(key) ?? []).filter((t) => t > now - windowMs), now])
      if (hits.size > 10_000) {
        for (const [k, ts] of hits) if ((ts.at(-1) ?? 0) <= now - windowMs) hits.delete(k)
      }
    },
    /** Take back a hit recorded at `at` (a request that turned out to be a replay). */
    forget(key: string, at: number): void {
      const ts = hits.get(key) ?? []
      const i = ts.lastIndexOf(at)
      if (i >= 0) hits.set(key, [...ts.slice(0, i), ...ts.slice(i + 1)])
    },
    /** When `key` may be allowed again: `now` if it may be now. */
    retryAt(key: string, now: number): number {
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs)
      if (recent.length < limit()) return now
      // The oldest hit that must leave the window before one more fits.
      return (recent[recent.length - limit()] ?? now) + windowMs
    },
  }
}
