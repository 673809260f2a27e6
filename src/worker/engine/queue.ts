/** A bounded FIFO of job ids run with limited concurrency; the one record of what is running. */
export interface JobQueue {
  /** False when the queue is full; a paid job is always taken (capacity gates invoicing). */
  push(id: string, o?: { paid?: boolean }): boolean
  /** 0 = running now, 1 = next, ...; -1 if unknown. */
  position(id: string): number
  size(): number
  /** A job pushed now would run at once: a slot is free and nobody waits. */
  hasFreeSlot(): boolean
  isRunning(id: string): boolean
  /** Stop a running job: its signal aborts with `reason`. False if it is not running. */
  abort(id: string, reason: unknown): boolean
  abortAll(reason: unknown): void
  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void>
}

export const createJobQueue = (o: {
  concurrency: () => number
  capacity: () => number
  run: (id: string, signal: AbortSignal) => Promise<void>
}): JobQueue => {
  const waiting: string[] = []
  const running = new Map<string, AbortController>()
  let idleWaiters: (() => void)[] = []

  const pump = () => {
    while (running.size < o.concurrency() && waiting.length > 0) {
      const id = waiting.shift() as string
      const abort = new AbortController()
      running.set(id, abort)
      void o
        .run(id, abort.signal)
        .catch(() => undefined)
        .finally(() => {
          running.delete(id)
          pump()
        })
    }
    if (running.size === 0 && waiting.length === 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const w of waiters) w()
    }
  }

  return {
    push(id, { paid = false } = {}) {
      if (running.has(id) || waiting.includes(id)) return true
      if (!paid && waiting.length + running.size >= o.capacity()) return false
      waiting.push(id)
      pump()
      return true
    },
    position(id) {
      if (running.has(id)) return 0
      const i = waiting.indexOf(id)
      return i < 0 ? -1 : i + 1
    },
    size: () => waiting.length + running.size,
    hasFreeSlot: () =>
      waiting.length === 0 && running.size < o.concurrency() && running.size < o.capacity(),
    isRunning: (id) => running.has(id),
    abort(id, reason) {
      const controller = running.get(id)
      controller?.abort(reason)
      return controller !== undefined
    },
    abortAll(reason) {
      for (const c of running.values()) c.abort(reason)
    },
    idle: () =>
      running.size === 0 && waiting.length === 0
        ? Promise.resolve()
        : new Promise((r) => idleWaiters.push(r)),
  }
}
