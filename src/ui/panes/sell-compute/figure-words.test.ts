import { describe, expect, it } from 'vitest'
import { jobsAndSats, refusedByReason, refusedTotal } from './figure-words.ts'

describe('figure words', () => {
  it('says jobs and sats, or None', () => {
    expect(jobsAndSats({ jobs: 0, msats: 0 })).toBe('None')
    expect(jobsAndSats({ jobs: 1, msats: 5000 })).toBe('1 job · 5 sats')
    expect(jobsAndSats({ jobs: 2, msats: 20_500 })).toBe('2 jobs · 20.5 sats')
  })

  it('lists refusals by reason, most first, in words', () => {
    const refused = { 'wallet-not-ready': 2, 'rate-limited': 10, 'queue-full': 0 }
    expect(refusedByReason(refused)).toEqual([
      ['rate limited', 10],
      ['wallet not ready', 2],
    ])
    expect(refusedTotal(refused)).toBe(12)
    expect(refusedTotal({})).toBe(0)
  })
})
