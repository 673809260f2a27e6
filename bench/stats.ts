/** Small, pure statistics for benchmark samples. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

export const median = (samples: readonly number[]): number => percentile(samples, 50)

export const mean = (samples: readonly number[]): number =>
  samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length

/** Least-squares slope of y over x: the trend of a series (units of y per unit of x). */
export const slope = (xs: readonly number[], ys: readonly number[]): number => {
  const n = Math.min(xs.length, ys.length)
  if (n < 2) return Number.NaN
  const mx = mean(xs.slice(0, n))
  const my = mean(ys.slice(0, n))
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx
    num += dx * ((ys[i] as number) - my)
    den += dx * dx
  }
  return den === 0 ? Number.NaN : num / den
}

/** Round to a number of significant decimals that suits a table. */
export const round = (value: number, decimals = 1): number => {
  const f = 10 ** decimals
  return Math.round(value * f) / f
}

export const MB = 1024 * 1024
export const KB = 1024
