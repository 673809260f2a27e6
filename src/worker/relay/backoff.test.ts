import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffMs, sleep } from './backoff.ts'

const low = () => 0
const high = () => 1

describe('backoffMs', () => {
  it('starts at 0.5-1 s and doubles each attempt', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, low))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000,
    ])
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffMs(a, high))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000,
    ])
  })

  it('puts the jitter in the upper half of the ceiling', () => {
    expect(backoffMs(2, () => 0.5)).toBe(3000)
    expect(backoffMs(0, () => 0.25)).toBe(625)
  })

  it('stops growing at 60 s', () => {
    expect(backoffMs(6, low)).toBe(30_000)
    expect(backoffMs(6, high)).toBe(60_000)
    expect(backoffMs(50, high)).toBe(60_000)
    expect(backoffMs(1_000_000, high)).toBe(60_000)
    expect(backoffMs(Number.MAX_SAFE_INTEGER, low)).toBe(30_000)
  })

  it('stays within [ceiling/2, ceiling] for any random value', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** attempt)
      for (const r of [0, 0.001, 0.3, 0.5, 0.77, 0.999999]) {
        const ms = backoffMs(attempt, () => r)
        expect(ms).toBeGreaterThanOrEqual(ceiling / 2)
        expect(ms).toBeLessThanOrEqual(ceiling)
        expect(Number.isInteger(ms)).toBe(true)
      }
    }
  })

  it('never shrinks as attempts grow, for the same random value', () => {
    const delays = Array.from({ length: 20 }, (_, a) => backoffMs(a, () => 0.4))
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? Infinity)
    }
  })

  it('honours a custom base and cap', () => {
    expect(backoffMs(0, high, 100, 500)).toBe(100)
    expect(backoffMs(2, high, 100, 500)).toBe(400)
    expect(backoffMs(3, high, 100, 500)).toBe(500)
    expect(backoffMs(3, low, 100, 500)).toBe(250)
  })

  it('uses Math.random by default and stays in bounds', () => {
    for (let i = 0; i < 50; i++) {
      const ms = backoffMs(3)
      expect(ms).toBeGreaterThanOrEqual(4000)
      expect(ms).toBeLessThanOrEqual(8000)
    }
  })
})

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('resolves after the delay, not before', async () => {
    vi.useFakeTimers()
    let done = false
    const slept = sleep(1000, new AbortController().signal).then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await slept
    expect(done).toBe(true)
  })

  it('stops listening to the signal once it has slept', async () => {
    vi.useFakeTimers()
    const signal = new AbortController().signal
    const removed = vi.spyOn(signal, 'removeEventListener')
    const slept = sleep(50, signal)
    await vi.advanceTimersByTimeAsync(50)
    await slept
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function))
  })

  it('resolves at once when already aborted', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    controller.abort()
    let done = false
    void sleep(60_000, controller.signal).then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('resolves early on abort and clears its timer', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    let done = false
    void sleep(60_000, controller.signal).then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(10)
    expect(done).toBe(false)
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })
})
