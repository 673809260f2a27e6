import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import type { Throttle } from '../wallet/wallet.ts'
import { createInvoiceLimits } from './invoice-limits.ts'

const setup = (unpaid: Record<string, number> = {}, throttle: Throttle | null = null) => {
  let now = 1_000_000
  const refusal = createInvoiceLimits({
    settings: () => ({ ...DEFAULT_SETTINGS, maxUnpaidInvoices: 3, invoicesPerMinute: 2 }),
    unpaid: (c) =>
      c === undefined ? Object.values(unpaid).reduce((a, b) => a + b, 0) : (unpaid[c] ?? 0),
    throttle: () => throttle,
    now: () => now,
  })
  return { refusal, advance: (ms: number) => (now += ms) }
}

describe('invoice limits', () => {
  it('allows one unpaid invoice per customer, and says when to try again', () => {
    const { refusal } = setup({ alice: 1 })
    expect(refusal('alice')).toMatch(/already have an unpaid invoice.*invoices last 600 s/)
    expect(refusal('bob')).toBeNull()
  })

  it('caps unpaid invoices in all', () => {
    expect(setup({ a: 1, b: 1, c: 1 }).refusal('d')).toMatch(
      /3 invoices await payment; try again in a minute/,
    )
  })

  it('caps new invoices a minute, naming the wait', () => {
    const { refusal, advance } = setup()
    expect(refusal('a')).toBeNull()
    advance(20_000)
    expect(refusal('b')).toBeNull()
    advance(10_000)
    expect(refusal('c')).toBe('Busy: at most 2 new invoices a minute; try again in 30 s')
    advance(30_001)
    expect(refusal('c')).toBeNull()
  })

  it('asks nothing of a wallet that is throttling us', () => {
    const { refusal } = setup({}, { until: 1_000_000 + 45_000, reason: 'RATE_LIMITED' })
    expect(refusal('a')).toMatch(/wallet asks it to slow down; try again in 45 s/)
  })
})
