import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limit.ts'

describe('createRateLimiter', () => {
  it('allows `limit` hits per window per key, and says when the next one fits', () => {
    const limiter = createRateLimiter(() => 2, 60_000)
    expect(limiter.retryAt('a', 0)).toBe(0)
    expect(limiter.allow('a', 0)).toBe(true)
    expect(limiter.allow('a', 10_000)).toBe(true)
    expect(limiter.allow('a', 20_000)).toBe(false)
    expect(limiter.allow('b', 20_000)).toBe(true)
    // The first hit leaves the window at 60 s: then one more fits.
    expect(limiter.retryAt('a', 20_000)).toBe(60_000)
    expect(limiter.allow('a', 60_001)).toBe(true)
    expect(limiter.retryAt('a', 60_001)).toBe(70_000)
  })

  it('takes back a recorded hit', () => {
    const limiter = createRateLimiter(() => 1, 60_000)
    limiter.record('a', 1000)
    expect(limiter.count('a', 2000)).toBe(1)
    limiter.forget('a', 1000)
    expect(limiter.count('a', 2000)).toBe(0)
    limiter.forget('a', 5)
    expect(limiter.allow('a', 2000)).toBe(true)
  })
})
