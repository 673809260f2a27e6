/**
 * Politeness toward one NWC wallet service: when it answers RATE_LIMITED, every call to it
 * pauses (nothing is sent while paused, so the pause is not spent being throttled again), and
 * each repeat doubles the pause. NIP-47 gives no retry-after, so the pause is ours to choose:
 * long enough that a service counting per minute (Zeus: 5 make_invoice per 60 s) forgives us.
 */
import { WalletError, type Throttle } from './wallet.ts'

// A minute: whatever window the service counts in (Zeus: per 60 s), it has passed by then.
export const FIRST_PAUSE_MS = 60_000
export const LONGEST_PAUSE_MS = 10 * 60_000

export interface Pace {
  /** Run one call unless paused; a RATE_LIMITED answer starts (or lengthens) the pause. */
  run<T>(method: string, call: () => Promise<T>): Promise<T>
  current(): Throttle | null
  onChange(listener: (t: Throttle | null) => void): () => void
  stop(): void
}

export const createPace = (o: { now: () => number }): Pace => {
  let pauseMs = 0
  let until = 0
  let reason = ''
  let timer: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<(t: Throttle | null) => void>()
  const current = (): Throttle | null => (o.now() < until ? { until, reason } : null)
  const tell = () => {
    const t = current()
    for (const listener of listeners) listener(t)
  }

  const pause = (method: string) => {
    pauseMs = Math.min(pauseMs === 0 ? FIRST_PAUSE_MS : pauseMs * 2, LONGEST_PAUSE_MS)
    until = o.now() + pauseMs
    reason =
      `The wallet answered ${method} with RATE_LIMITED: it is throttling this app, so no ` +
      `call goes to it for ${pauseMs / 1000} s. Jobs awaiting payment are kept.`
    clearTimeout(timer)
    // Tell when the pause is over, so the Wallet pane stops saying so without a call.
    timer = setTimeout(tell, pauseMs)
    tell()
  }

  return {
    async run(method, call) {
      const paused = current()
      if (paused) {
        const wait = Math.ceil((paused.until - o.now()) / 1000)
        throw new WalletError(
          `The wallet asked us to slow down; this app calls it again in ${wait} s.`,
          'rate-limited',
        )
      }
      try {
        const value = await call()
        // Answered normally: the next throttle starts from the shortest pause again.
        pauseMs = 0
        return value
      } catch (e) {
        if (e instanceof WalletError && e.code === 'rate-limited') pause(method)
        throw e
      }
    },
    current,
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    stop() {
      clearTimeout(timer)
      listeners.clear()
    },
  }
}
