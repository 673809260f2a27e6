/**
 * Keeps the engine worker alive from the UI side. A worker can die without a word (the
 * browser killed it, it closed itself, it is stuck in a loop): no event says so, only
 * silence. So the UI asks it something cheap every few seconds; when it does not answer in
 * time, the worker is replaced, with backoff, and the new engine resumes from the journal.
 */

export interface EngineWatchOptions {
  /** Something cheap the engine answers at once when it is alive. */
  ping: () => Promise<unknown>
  /** Terminate the worker and start another; resolves once the new one has answered. */
  restart: () => Promise<void>
  /** Words for the person while restarting; null once it answers again. */
  onTrouble: (words: string | null) => void
  everyMs?: number
  timeoutMs?: number
  /** The longest wait between two restarts. */
  maxBackoffMs?: number
}

export interface EngineWatch {
  stop(): void
  /** Restarts since the engine last answered. */
  attempts(): number
}

// A live engine answers in milliseconds; a busy one (a burst of signatures to check) in well
// under a second. Seconds of silence mean it is gone.
const EVERY_MS = 4_000
const TIMEOUT_MS = 6_000
const MAX_BACKOFF_MS = 60_000

/** Resolves true when the promise settles well within `ms`, false when it fails or is late. */
export const answersWithin = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    p.then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer))
  })

export const watchEngine = (o: EngineWatchOptions): EngineWatch => {
  const every = o.everyMs ?? EVERY_MS
  const timeout = o.timeoutMs ?? TIMEOUT_MS
  const maxBackoff = o.maxBackoffMs ?? MAX_BACKOFF_MS
  let attempts = 0
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(() => void check(), ms)
  }

  const check = async () => {
    if (await answersWithin(o.ping(), timeout)) {
      if (attempts > 0) o.onTrouble(null)
      attempts = 0
      return schedule(every)
    }
    if (stopped) return
    attempts++
    o.onTrouble(
      attempts === 1
        ? 'The engine stopped answering; restarting it. Jobs resume from the history.'
        : `The engine stopped answering; restarting it (attempt ${attempts}).`,
    )
    // A new worker that does not answer is given longer before the next try.
    const back = await answersWithin(o.restart(), timeout)
    if (back) o.onTrouble(null)
    schedule(back ? every : Math.min(maxBackoff, every * 2 ** attempts))
  }

  schedule(every)
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
    },
    attempts: () => attempts,
  }
}
