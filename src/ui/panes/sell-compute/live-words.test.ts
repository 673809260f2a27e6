import { describe, expect, it } from 'vitest'
import type { LiveJob } from '../../state/live.ts'
import { liveJobFacts, testJobWords } from './live-words.ts'

const job = (patch: Partial<LiveJob> = {}): LiveJob => ({
  id: 'j',
  text: '',
  tokens: 0,
  generated: false,
  ...patch,
})

describe('liveJobFacts', () => {
  it('counts tokens, time and rate once there is time to measure it', () => {
    expect(liveJobFacts(job(), 0)).toBe('0 tokens')
    expect(liveJobFacts(job({ tokens: 1, startedAt: 1000 }), 1200)).toBe('1 token · 200 ms')
    expect(liveJobFacts(job({ tokens: 27, startedAt: 1000 }), 3000)).toBe(
      '27 tokens · 2.0 s · 13.5 tokens/s',
    )
    expect(liveJobFacts(job({ tokens: 30, startedAt: 1000, generated: true }), 4000)).toBe(
      '30 tokens · 3.0 s · 10.0 tokens/s · delivering',
    )
  })
})

describe('testJobWords', () => {
  it('says the round trip, a price asked, or why it failed', () => {
    const report = { requestId: 'r', latencyMs: 1234, outcome: 'result' as const, detail: 'Hi' }
    expect(testJobWords({ ok: true, value: report })).toBe('Test job answered in 1.2 s')
    expect(
      testJobWords({
        ok: true,
        value: { ...report, outcome: 'payment-required', detail: '21 sats', latencyMs: 300 },
      }),
    ).toMatch(/^Test job reached this provider in 300 ms: it asked for 21 sats/)
    expect(testJobWords({ ok: false, error: 'No answer within 330 s' })).toBe(
      'Test job failed: No answer within 330 s',
    )
  })
})
