/** Exponential backoff with full jitter: 1 s, 2 s, 4 s ... capped, randomized so relays aren't stampeded. */
export const backoffMs = (
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1000,
  capMs = 60_000,
): number => {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
