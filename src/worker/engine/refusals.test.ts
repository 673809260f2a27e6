import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getPublicKey, generateSecretKey } from 'nostr-tools/pure'
import type { LogLevel } from '../../shared/worker-api.ts'
import { shortNpub } from '../../shared/customer-key.ts'
import { createRefusals, GROUP_MS, LIMIT_HINT_TIMES } from './refusals.ts'

const alice = getPublicKey(generateSecretKey())
const bob = getPublicKey(generateSecretKey())

const setup = () => {
  const lines: { level: LogLevel; message: string }[] = []
  let changes = 0
  const refusals = createRefusals({
    log: (level, message) => lines.push({ level, message }),
    now: () => Date.now(),
    onChange: () => changes++,
  })
  return { refusals, lines, changes: () => changes }
}

const id = (n: number) => n.toString(16).padStart(64, '0')

describe('refusals', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-01T12:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('says a lone refusal at once, with its reason and the customer as an npub', () => {
    const { refusals, lines, changes } = setup()
    refusals.record({ reason: 'wallet-not-ready', customer: alice, requestId: id(1) })
    expect(lines).toEqual([
      {
        level: 'info',
        message: `request ${id(1).slice(0, 8)} from ${shortNpub(alice)} refused: wallet not ready`,
      },
    ])
    expect(shortNpub(alice)).toMatch(/^npub1[a-z0-9]{5}…[a-z0-9]{4}$/)
    expect(changes()).toBe(1)
  })

  it('groups a burst into one line by reason, then says the next lone one alone again', () => {
    const { refusals, lines } = setup()
    for (let n = 0; n < 11; n++)
      refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(n) })
    refusals.record({ reason: 'wallet-not-ready', customer: alice, requestId: id(20) })
    refusals.record({ reason: 'wallet-not-ready', customer: alice, requestId: id(21) })
    expect(lines).toHaveLength(1)
    vi.advanceTimersByTime(GROUP_MS)
    expect(lines.map((l) => l.message).slice(1)).toEqual([
      '12 more requests refused in the last 10 s: rate limited (10), wallet not ready (2)',
    ])
    // A quiet spell: the timer runs out without a line, and the next refusal is said alone.
    vi.advanceTimersByTime(GROUP_MS)
    expect(lines).toHaveLength(2)
    refusals.record({ reason: 'queue-full', customer: alice, requestId: id(30), detail: 'full' })
    expect(lines.at(-1)?.message).toBe('full')
  })

  it('counts the last hour by reason, forgetting older refusals', () => {
    const { refusals } = setup()
    refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(1) })
    vi.advanceTimersByTime(40 * 60_000)
    refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(2) })
    refusals.record({ reason: 'bid-below-price', customer: alice, requestId: id(3) })
    expect(refusals.figures(Date.now()).refusedLastHour).toEqual({
      'rate-limited': 2,
      'bid-below-price': 1,
    })
    vi.advanceTimersByTime(30 * 60_000)
    expect(refusals.figures(Date.now()).refusedLastHour).toEqual({
      'rate-limited': 1,
      'bid-below-price': 1,
    })
  })

  it('hints once when one customer keeps hitting the rate limit, not for many light ones', () => {
    const { refusals, lines } = setup()
    for (let n = 0; n < 40; n++) {
      refusals.record({ reason: 'rate-limited', customer: id(1000 + n), requestId: id(n) })
      vi.advanceTimersByTime(1000)
    }
    expect(lines.filter((l) => l.level === 'warn')).toEqual([])
    for (let n = 0; n < 2 * LIMIT_HINT_TIMES; n++) {
      refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(n) })
      vi.advanceTimersByTime(5000)
    }
    const hints = lines.filter((l) => l.level === 'warn').map((l) => l.message)
    const words = `customer ${shortNpub(bob)} hit the rate limit ${LIMIT_HINT_TIMES} times in 10 min; raise the limit or block them`
    expect(hints).toEqual([words])
    expect(refusals.figures(Date.now()).limitHint).toBe(words)
    vi.advanceTimersByTime(10 * 60_000)
    expect(refusals.figures(Date.now()).limitHint).toBeUndefined()
  })

  it('says what is still grouped when stopped', () => {
    const { refusals, lines } = setup()
    refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(1) })
    refusals.record({ reason: 'rate-limited', customer: bob, requestId: id(2) })
    refusals.stop()
    expect(lines.at(-1)?.message).toBe('1 more request refused: rate limited (1)')
    expect(vi.getTimerCount()).toBe(0)
  })
})
