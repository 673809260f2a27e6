import { describe, expect, it } from 'vitest'
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import {
  chooseEncryption,
  nwcCipher,
  parseBalance,
  parseLookup,
  parseMadeInvoice,
  parseNwcInfo,
  parseNwcResponse,
  parsePaymentNotification,
} from './nwc-codec.ts'
import { WalletError } from './wallet.ts'

const hash = 'ab'.repeat(32)
const bolt11 = `lnbc210n1${'q'.repeat(50)}` // 21 sats
const now = 1_750_000_000_000
const asked = { amountMsats: 21_000, expirySeconds: 600 }

const errorOf = <T>(r: { ok: true; value: T } | { ok: false; error: WalletError }) => {
  if (r.ok) throw new Error('expected an error')
  return r.error
}

describe('parseNwcInfo and chooseEncryption', () => {
  it('reads methods, encryption and notifications', () => {
    const info = parseNwcInfo({
      content: ' make_invoice  lookup_invoice\nget_balance ',
      tags: [
        ['encryption', 'nip44_v2 nip04'],
        ['notifications', 'payment_received payment_sent'],
      ],
    })
    expect(info).toEqual({
      methods: ['make_invoice', 'lookup_invoice', 'get_balance'],
      encryptions: ['nip44_v2', 'nip04'],
      notifications: ['payment_received', 'payment_sent'],
    })
    expect(chooseEncryption(info)).toEqual({ ok: true, value: 'nip44_v2' })
  })

  it('takes a wallet with no encryption tag for a NIP-04 wallet', () => {
    const info = parseNwcInfo({ content: 'make_invoice', tags: [] })
    expect(info.encryptions).toEqual(['nip04'])
    expect(chooseEncryption(info)).toEqual({ ok: true, value: 'nip04' })
  })

  it('refuses a wallet that speaks only schemes we do not', () => {
    const info = parseNwcInfo({ content: '', tags: [['encryption', 'nip99']] })
    expect(chooseEncryption(info)).toMatchObject({ ok: false, error: /only offers .*nip99/ })
  })
})

describe('nwcCipher', () => {
  const client = generateSecretKey()
  const wallet = generateSecretKey()
  const cipher = nwcCipher(client, getPublicKey(wallet))

  it('is read by the wallet in either scheme, and reads the wallet', () => {
    const conversation = nip44.v2.utils.getConversationKey(wallet, getPublicKey(client))
    expect(nip44.v2.decrypt(cipher.encrypt('nip44_v2', 'hi'), conversation)).toBe('hi')
    expect(nip04.decrypt(wallet, getPublicKey(client), cipher.encrypt('nip04', 'hi'))).toBe('hi')
    expect(cipher.decrypt(nip44.v2.encrypt('yo', conversation))).toBe('yo')
    expect(cipher.decrypt(nip04.encrypt(wallet, getPublicKey(client), 'yo'))).toBe('yo')
  })

  it('throws on what was encrypted for someone else', () => {
    const other = nip44.v2.utils.getConversationKey(wallet, getPublicKey(generateSecretKey()))
    expect(() => cipher.decrypt(nip44.v2.encrypt('x', other))).toThrow()
    expect(() => cipher.decrypt('garbage')).toThrow()
  })
})

describe('parseNwcResponse', () => {
  it('returns the result', () => {
    const plain = JSON.stringify({
      result_type: 'get_balance',
      error: null,
      result: { balance: 5 },
    })
    expect(parseNwcResponse(plain, 'get_balance')).toEqual({ ok: true, value: { balance: 5 } })
  })

  it.each([
    ['INSUFFICIENT_BALANCE', 'insufficient-funds', /not have enough funds/],
    ['QUOTA_EXCEEDED', 'insufficient-funds', /budget/],
    ['RESTRICTED', 'rejected', /permission/],
    ['UNAUTHORIZED', 'rejected', /no longer knows this connection/],
    ['NOT_IMPLEMENTED', 'unsupported', /does not support/],
    ['RATE_LIMITED', 'rejected', /too fast/],
    ['WEIRD_CODE', 'other', /reported WEIRD_CODE/],
  ])('puts the wallet error %s in words', (code, kind, words) => {
    const plain = JSON.stringify({ result_type: 'pay_invoice', error: { code, message: 'nope' } })
    const error = errorOf(parseNwcResponse(plain, 'pay_invoice'))
    expect(error).toBeInstanceOf(WalletError)
    expect(error.code).toBe(kind)
    expect(error.message).toMatch(/^The wallet could not pay the invoice: /)
    expect(error.message).toMatch(words)
    expect(error.message).toContain('the wallet says: "nope"')
  })

  it.each([
    ['not JSON', 'nope', /not a JSON object/],
    ['an answer to another method', '{"result_type":"pay_invoice","result":{}}', /pay_invoice/],
    ['no result', '{"result_type":"get_balance","result":null}', /no result/],
  ])('calls %s an invalid response', (_why, plain, words) => {
    const error = errorOf(parseNwcResponse(plain, 'get_balance'))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(words)
  })
})

describe('parseMadeInvoice', () => {
  const made = {
    type: 'incoming',
    invoice: bolt11,
    payment_hash: hash.toUpperCase(),
    amount: 21_000,
  }

  it('makes an Invoice keyed by payment hash', () => {
    expect(parseMadeInvoice({ ...made, expires_at: 1_750_000_600 }, asked, now)).toEqual({
      ok: true,
      value: {
        id: hash,
        bolt11,
        paymentHash: hash,
        amountMsats: 21_000,
        expiresAt: 1_750_000_600_000,
      },
    })
    const noExpiry = parseMadeInvoice(made, asked, now)
    expect(noExpiry.ok && noExpiry.value.expiresAt).toBe(now + 600_000)
  })

  it.each([
    ['no invoice', { ...made, invoice: undefined }, /no invoice/],
    ['not an invoice', { ...made, invoice: 'hello' }, /not a lightning invoice/],
    ['an amountless invoice', { ...made, invoice: `lnbc1${'q'.repeat(50)}` }, /no amount/],
    ['an invoice for less', { ...made, invoice: `lnbc21n1${'q'.repeat(50)}` }, /2.1 sats, not 21/],
    ['a different amount', { ...made, amount: 1000 }, /says 1 sats, not 21/],
    ['an outgoing payment', { ...made, type: 'outgoing' }, /not incoming/],
    ['no payment hash', { ...made, payment_hash: 'xyz' }, /no payment hash/],
  ])('refuses %s', (_why, result, words) => {
    const error = errorOf(parseMadeInvoice(result, asked, now))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(words)
  })
})

describe('parseLookup', () => {
  const invoice = { paymentHash: hash, bolt11 }
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

  it('falls back to the invoice for the amount', () => {
    expect(look({ state: 'pending' })).toEqual({
      ok: true,
      value: { state: 'pending', amountMsats: 21_000 },
    })
  })

  it.each([
    ['another invoice', { ...base, payment_hash: 'cd'.repeat(32) }, /another invoice/],
    ['an outgoing payment', { ...base, type: 'outgoing', state: 'settled' }, /not incoming/],
  ])('refuses %s', (_why, result, words) => {
    const error = errorOf(look(result))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(words)
  })
})

describe('parseBalance and parsePaymentNotification', () => {
  it('reads a balance in msats', () => {
    expect(parseBalance({ balance: 12_345 })).toEqual({ ok: true, value: { msats: 12_345 } })
    expect(errorOf(parseBalance({ balance: '12' })).code).toBe('invalid-response')
  })

  it('reads payment_received and nothing else', () => {
    const note = (type: string, n: Record<string, unknown>) =>
      JSON.stringify({ notification_type: type, notification: n })
    const received = { payment_hash: hash, amount: 21_000, settled_at: 1_750_000_002 }
    expect(parsePaymentNotification(note('payment_received', received), now)).toEqual({
      paymentHash: hash,
      amountMsats: 21_000,
      at: 1_750_000_002_000,
    })
    expect(parsePaymentNotification(note('payment_sent', received), now)).toBeNull()
    expect(parsePaymentNotification(note('payment_received', { amount: 1 }), now)).toBeNull()
    expect(parsePaymentNotification('nope', now)).toBeNull()
  })
})
