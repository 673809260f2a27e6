import { describe, expect, it } from 'vitest'
import { encodeBolt11 } from '../../../fixtures/nwc-wallet-bolt11.ts'
import {
  lookupParams,
  parseBalance,
  parseLookup,
  parseMadeInvoice,
  parsePaymentNotification,
  parseTransactions,
} from './nwc-results.ts'
import type { WalletError } from './wallet.ts'

const hash = 'ab'.repeat(32)
const now = 1_750_000_000_000
const made_at = now / 1000
const invoiceFor = (amountMsats: number | undefined, paymentHash = hash) =>
  encodeBolt11({
    ...(amountMsats === undefined ? {} : { amountMsats }),
    paymentHash,
    description: 'job',
    timestamp: made_at,
    expirySeconds: 600,
  })
const bolt11 = invoiceFor(21_000)
const asked = { amountMsats: 21_000 }

const errorOf = <T>(r: { ok: true; value: T } | { ok: false; error: WalletError }) => {
  if (r.ok) throw new Error('expected an error')
  return r.error
}

describe('parseMadeInvoice', () => {
  const made = {
    type: 'incoming',
    invoice: bolt11,
    payment_hash: hash.toUpperCase(),
    amount: 21_000,
  }

  it('makes an Invoice keyed by payment hash, expiring when the invoice says', () => {
    expect(parseMadeInvoice({ ...made, expires_at: made_at + 9999 }, asked)).toEqual({
      ok: true,
      value: { id: hash, bolt11, paymentHash: hash, amountMsats: 21_000, expiresAt: now + 600_000 },
    })
  })

  it('takes the hash from the invoice when the wallet sends none (CoinOS), and looks up by invoice', () => {
    const r = parseMadeInvoice({ type: 'incoming', invoice: bolt11 }, asked)
    expect(r).toEqual({
      ok: true,
      value: {
        id: bolt11,
        bolt11,
        paymentHash: hash,
        amountMsats: 21_000,
        expiresAt: now + 600_000,
      },
    })
    if (!r.ok) return
    expect(lookupParams(r.value)).toEqual({ invoice: bolt11 })
    expect(lookupParams({ id: hash, paymentHash: hash, bolt11 })).toEqual({ payment_hash: hash })
  })

  it.each([
    ['no invoice', { ...made, invoice: undefined }, /no invoice/],
    ['not an invoice', { ...made, invoice: 'hello' }, /not a valid lightning invoice/],
    [
      'an invoice with a broken checksum',
      { ...made, invoice: bolt11.slice(0, -1) + (bolt11.endsWith('q') ? 'p' : 'q') },
      /not a valid/,
    ],
    ['an amountless invoice', { ...made, invoice: invoiceFor(undefined) }, /no amount/],
    ['an invoice for less', { ...made, invoice: invoiceFor(2_100) }, /2.1 sats, not 21/],
    ['a different amount', { ...made, amount: 1000 }, /says 1 sats, not 21/],
    ['an outgoing payment', { ...made, type: 'outgoing' }, /not incoming/],
    [
      'a hash that is not the invoice’s',
      { ...made, payment_hash: 'cd'.repeat(32) },
      /not the one in the invoice/,
    ],
    ['a malformed hash', { ...made, payment_hash: 'xyz' }, /not the one in the invoice/],
  ])('refuses %s', (_why, result, words) => {
    const error = errorOf(parseMadeInvoice(result, asked))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(words)
  })
})

describe('parseLookup', () => {
  const invoice = { id: hash, paymentHash: hash, bolt11 }
  const base = { type: 'incoming', payment_hash: hash, amount: 21_000 }
  const look = (result: Record<string, unknown>) => parseLookup(result, invoice, now)

  it('believes the state the wallet reports', () => {
    expect(look({ ...base, state: 'settled', settled_at: 1_750_000_001 })).toEqual({
      ok: true,
      value: { state: 'settled', amountMsats: 21_000, settledAt: 1_750_000_001_000 },
    })
    expect(look({ ...base, state: 'pending' })).toMatchObject({ value: { state: 'pending' } })
    expect(look({ ...base, state: 'expired' })).toMatchObject({ value: { state: 'expired' } })
    expect(look({ ...base, state: 'failed' })).toMatchObject({ value: { state: 'failed' } })
  })

  it('is not talked into settled by a settled_at that contradicts the state', () => {
    expect(look({ ...base, state: 'pending', settled_at: 1 })).toMatchObject({
      value: { state: 'pending' },
    })
  })

  it('reads wallets older than `state` by settled_at and expires_at, never by preimage', () => {
    expect(look({ ...base, settled_at: 1_750_000_001 })).toMatchObject({
      value: { state: 'settled' },
    })
    expect(look({ ...base, preimage: 'cd'.repeat(32) })).toMatchObject({
      value: { state: 'pending' },
    })
    expect(look({ ...base, expires_at: now / 1000 - 1 })).toMatchObject({
      value: { state: 'expired' },
    })
    expect(look({ ...base, expires_at: now / 1000 + 60 })).toMatchObject({
      value: { state: 'pending' },
    })
  })

  it('falls back to the invoice for the amount, and to the invoice text without a hash', () => {
    expect(look({ state: 'pending' })).toEqual({
      ok: true,
      value: { state: 'pending', amountMsats: 21_000 },
    })
    expect(look({ state: 'pending', invoice: bolt11 })).toMatchObject({ ok: true })
  })

  it.each([
    ['another invoice', { ...base, payment_hash: 'cd'.repeat(32) }, /another invoice/],
    [
      'another invoice, by its text',
      { state: 'settled', invoice: invoiceFor(21_000, 'cd'.repeat(32)) },
      /another invoice/,
    ],
    ['an outgoing payment', { ...base, type: 'outgoing', state: 'settled' }, /not incoming/],
  ])('refuses %s', (_why, result, words) => {
    const error = errorOf(look(result))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(words)
  })
})

describe('parseTransactions', () => {
  const other = 'cd'.repeat(32)
  const mine = [
    { id: hash, paymentHash: hash, bolt11 },
    { id: 'by-text', paymentHash: other, bolt11: invoiceFor(5_000, other) },
    {
      id: 'ee'.repeat(32),
      paymentHash: 'ee'.repeat(32),
      bolt11: invoiceFor(1_000, 'ee'.repeat(32)),
    },
  ]

  it('finds ours by hash or by invoice, skips strangers and nonsense, leaves the rest unknown', () => {
    const r = parseTransactions(
      {
        transactions: [
          { type: 'incoming', state: 'settled', payment_hash: hash, amount: 21_000, settled_at: 1 },
          { type: 'incoming', state: 'pending', invoice: mine[1]?.bolt11, amount: 5_000 },
          { type: 'incoming', state: 'settled', payment_hash: '11'.repeat(32), amount: 9 },
          { type: 'outgoing', state: 'settled', payment_hash: 'ee'.repeat(32), amount: 1_000 },
          'nonsense',
        ],
      },
      mine,
      now,
    )
    expect(r.ok && [...r.value]).toEqual([
      [hash, { state: 'settled', amountMsats: 21_000, settledAt: 1000 }],
      ['by-text', { state: 'pending', amountMsats: 5_000 }],
    ])
  })

  it('refuses an answer without a list', () => {
    expect(errorOf(parseTransactions({}, mine, now)).message).toMatch(/no list of transactions/)
  })
})

describe('parseBalance and parsePaymentNotification', () => {
  it('reads a balance in msats', () => {
    expect(parseBalance({ balance: 12_345 })).toEqual({ ok: true, value: { msats: 12_345 } })
    expect(errorOf(parseBalance({ balance: '12' })).code).toBe('invalid-response')
  })

  const note = (type: string, n: Record<string, unknown>) =>
    JSON.stringify({ notification_type: type, notification: n })

  it('reads payment_received and nothing else', () => {
    const received = { payment_hash: hash, amount: 21_000, settled_at: 1_750_000_002 }
    expect(parsePaymentNotification(note('payment_received', received), now)).toEqual({
      paymentHash: hash,
      amountMsats: 21_000,
      at: 1_750_000_002_000,
      via: 'notification',
    })
    expect(parsePaymentNotification(note('payment_sent', received), now)).toBeNull()
    expect(parsePaymentNotification(note('payment_received', { amount: 1 }), now)).toBeNull()
    expect(parsePaymentNotification('nope', now)).toBeNull()
  })

  it('takes hash and amount from the invoice when the wallet names none, and refuses a mismatch', () => {
    expect(parsePaymentNotification(note('payment_received', { invoice: bolt11 }), now)).toEqual({
      paymentHash: hash,
      amountMsats: 21_000,
      at: now,
      via: 'notification',
    })
    const lie = { invoice: bolt11, payment_hash: 'cd'.repeat(32), amount: 21_000 }
    expect(parsePaymentNotification(note('payment_received', lie), now)).toBeNull()
  })
})
