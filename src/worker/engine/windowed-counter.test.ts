import { describe, expect, it } from 'vitest'
import { createWindowedCounter } from './windowed-counter.ts'

const MIN = 60_000
const HOUR = 60 * MIN

describe('createWindowedCounter', () => {
  it('sums by key over the window and forgets what slid out of it', () => {
    const c = createWindowedCounter<'a' | 'b'>({ bucketMs: MIN, windowMs: HOUR })
    const t0 = 10 * HOUR
    c.add('a', t0)
    c.add('a', t0 + 30 * MIN, 2)
    c.add('b', t0 + 59 * MIN)
    expect(Object.fromEntries(c.totals(t0 + 59 * MIN, t0 - HOUR))).toEqual({ a: 3, b: 1 })
    // An hour and a minute after the first add, it is gone; the others stay.
    expect(Object.fromEntries(c.totals(t0 + HOUR + MIN, 0))).toEqual({ a: 2, b: 1 })
    expect(c.count('a', t0 + 2 * HOUR + MIN, 0)).toBe(0)
  })

  it('totals only from `since`, to the bucket', () => {
    const c = createWindowedCounter<'sats'>({ bucketMs: MIN, windowMs: 24 * HOUR })
    c.add('sats', 5 * HOUR, 10)
    c.add('sats', 7 * HOUR, 5)
    expect(c.count('sats', 8 * HOUR, 6 * HOUR)).toBe(5)
    expect(c.count('sats', 8 * HOUR, 0)).toBe(15)
  })

  it('takes a late add for an older bucket, and forgets it in time order', () => {
    const c = createWindowedCounter<'a'>({ bucketMs: MIN, windowMs: 10 * MIN })
    c.add('a', 20 * MIN)
    c.add('a', 15 * MIN)
    c.add('a', 1 * MIN)
    expect(c.count('a', 20 * MIN, 16 * MIN)).toBe(1)
    expect(c.count('a', 20 * MIN, 0)).toBe(2)
    // The oldest bucket is dropped first, even though it was added second.
    expect(c.count('a', 26 * MIN, 0)).toBe(1)
  })

  it('keeps at most maxKeys keys per bucket, so a flood of keys stays bounded', () => {
    const c = createWindowedCounter<string>({ bucketMs: MIN, windowMs: 10 * MIN, maxKeys: 3 })
    for (let i = 0; i < 100; i++) c.add(`k${i}`, MIN)
    c.add('k0', MIN)
    expect(c.totals(MIN, 0).size).toBe(3)
    expect(c.count('k0', MIN, 0)).toBe(2)
    expect(c.count('k50', MIN, 0)).toBe(0)
  })
})
