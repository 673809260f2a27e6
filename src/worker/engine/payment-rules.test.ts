import { describe, expect, it } from 'vitest'
import type { InvoiceStatus } from '../wallet/wallet.ts'
import {
  AFTER_EXPIRY_MS,
  CONFIRM_GAP_MS,
  judgeLookup,
  lookupGap,
  nextLookupAt,
  type Watch,
} from './payment-rules.ts'

const T = 1_000_000
const watch = (over: Partial<Watch> = {}): Watch => ({
  jobId: 'j',
  customer: 'c',
  invoice: { id: 'h', bolt11: 'ln', paymentHash: 'h', amountMsats: 5000, expiresAt: T + 600_000 },
  priceMsats: 5000,
  nextAt: T,
  lookups: 0,
  ...over,
})
const status = (state: InvoiceStatus['state'], amountMsats = 5000): InvoiceStatus => ({
  state,
  amountMsats,
})

describe('lookupGap', () => {
  it('backs off from a few seconds to 30 s, or to 60 s for a wallet that notifies', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => lookupGap(n, false))).toEqual([
      5_000, 10_000, 20_000, 30_000, 30_000, 30_000,
    ])
    expect([0, 1, 2, 3].map((n) => lookupGap(n, true))).toEqual([10_000, 20_000, 40_000, 60_000])
  })
})

describe('nextLookupAt', () => {
  it('never sleeps through the expiry, and confirms an announcement soon', () => {
    expect(nextLookupAt(watch({ lookups: 5 }), T, false)).toBe(T + 30_000)
    const nearExpiry = T + 600_000 - 10_000
    expect(nextLookupAt(watch({ lookups: 5 }), nearExpiry, false)).toBe(
      T + 600_000 + AFTER_EXPIRY_MS,
    )
    const announced = watch({ announced: { amountMsats: 5000, at: T, unconfirmed: 1 } })
    expect(nextLookupAt(announced, T, true)).toBe(T + CONFIRM_GAP_MS)
  })
})

describe('judgeLookup', () => {
  const before = T + 1000
  const after = T + 600_000
  const announced = (unconfirmed: number) =>
    watch({ announced: { amountMsats: 5000, at: T, unconfirmed } })
  it.each([
    ['settled for the price', watch(), status('settled'), before, 'settle'],
    ['settled for less', watch(), status('settled', 4999), before, 'wait'],
    ['pending before the expiry', watch(), status('pending'), before, 'wait'],
    ['pending, asked after the expiry', watch(), status('pending'), after, 'expire'],
    ['expired in the wallet’s words', watch(), status('expired'), before, 'expire'],
    ['failed in the wallet’s words', watch(), status('failed'), before, 'expire'],
    ['announced, first lookup pending', announced(0), status('pending'), before, 'wait'],
    ['announced, lookups keep saying pending', announced(1), status('pending'), before, 'settle'],
    ['announced, even past the expiry', announced(1), status('pending'), after, 'settle'],
    ['announced, then settled', announced(0), status('settled'), before, 'settle'],
  ] as const)('%s', (_what, w, s, now, kind) => {
    expect(judgeLookup(w, s, now).kind).toBe(kind)
  })

  it('says why it took an announcement over its lookups', () => {
    const v = judgeLookup(announced(1), status('pending'), before)
    expect(v).toMatchObject({ kind: 'settle', amountMsats: 5000 })
    expect(v.kind === 'settle' && v.note).toMatch(/signed payment_received notification/)
  })
})
