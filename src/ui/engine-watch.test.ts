import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { answersWithin, watchEngine } from './engine-watch.ts'

const never = () => new Promise<never>(() => undefined)

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

/** A worker that answers while alive, and a way to kill it or bring a new one. */
const fakeWorker = () => {
  const w = { alive: true, restarts: 0, startsDead: false, trouble: [] as (string | null)[] }
  const watch = watchEngine({
    ping: () => (w.alive ? Promise.resolve('snapshot') : never()),
    restart: async () => {
      w.restarts++
      w.alive = !w.startsDead
      if (!w.alive) await never()
    },
    onTrouble: (words) => w.trouble.push(words),
    everyMs: 1000,
    timeoutMs: 500,
    maxBackoffMs: 8000,
  })
  return { w, watch }
}

describe('watchEngine', () => {
  it('leaves a live engine alone', async () => {
    const { w, watch } = fakeWorker()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.restarts).toBe(0)
    expect(w.trouble).toEqual([])
    watch.stop()
  })

  it('restarts a worker that went silent, says so, then clears the words', async () => {
    const { w, watch } = fakeWorker()
    await vi.advanceTimersByTimeAsync(1000)
    w.alive = false
    // The next check (at 2 s) times out at 2.5 s, and the restart follows at once.
    await vi.advanceTimersByTimeAsync(1600)
    expect(w.restarts).toBe(1)
    expect(w.trouble).toEqual([expect.stringMatching(/stopped answering; restarting/), null])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.restarts).toBe(1)
    expect(watch.attempts()).toBe(0)
    watch.stop()
  })

  it('backs off while the new worker does not answer either, and recovers when one does', async () => {
    const { w, watch } = fakeWorker()
    w.startsDead = true
    w.alive = false
    // Check at 1 s fails at 1.5 s; restart 1 gives up at 2 s; next check after 2 s backoff.
    await vi.advanceTimersByTimeAsync(2100)
    expect(w.restarts).toBe(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(w.restarts).toBe(2)
    // Then 4 s, then 8 s (the cap): restarts slow down instead of hammering.
    await vi.advanceTimersByTimeAsync(5000)
    expect(w.restarts).toBe(3)
    await vi.advanceTimersByTimeAsync(9000)
    expect(w.restarts).toBe(4)
    expect(w.trouble.at(-1)).toMatch(/attempt 4/)
    w.startsDead = false
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.trouble.at(-1)).toBeNull()
    const restarts = w.restarts
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.restarts).toBe(restarts)
    watch.stop()
  })

  it('stops checking when stopped', async () => {
    const { w, watch } = fakeWorker()
    watch.stop()
    w.alive = false
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.restarts).toBe(0)
  })
})

describe('answersWithin', () => {
  it('is true for an answer in time, false for a late one or a failure', async () => {
    const late = answersWithin(never(), 100)
    await vi.advanceTimersByTimeAsync(100)
    expect(await late).toBe(false)
    expect(await answersWithin(Promise.resolve(1), 100)).toBe(true)
    expect(await answersWithin(Promise.reject(new Error('x')), 100)).toBe(false)
  })
})
