import { describe, expect, it } from 'vitest'
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import {
  chooseEncryption,
  nwcCipher,
  parseGetInfo,
  parseNwcInfo,
  parseNwcResponse,
} from './nwc-codec.ts'
import { WalletError } from './wallet.ts'

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

  it.each([
    ['commas (as Alby once sent)', 'make_invoice,lookup_invoice,get_balance'],
    ['commas and spaces', 'make_invoice, lookup_invoice ,get_balance'],
  ])('reads a method list separated by %s', (_how, content) => {
    expect(parseNwcInfo({ content, tags: [] }).methods).toEqual([
      'make_invoice',
      'lookup_invoice',
      'get_balance',
    ])
  })

  it('reads a legacy `v` tag of 1.0 as NIP-44 (and NIP-04), as Alby’s client does', () => {
    const info = parseNwcInfo({ content: 'make_invoice', tags: [['v', '1.0']] })
    expect(info.encryptions).toEqual(['nip44_v2', 'nip04'])
    expect(chooseEncryption(info)).toEqual({ ok: true, value: 'nip44_v2' })
    // An `encryption` tag, where there is one, says more than the version.
    const both = parseNwcInfo({
      content: '',
      tags: [
        ['v', '1.0'],
        ['encryption', 'nip04'],
      ],
    })
    expect(both.encryptions).toEqual(['nip04'])
    expect(parseNwcInfo({ content: '', tags: [['v', '0.0']] }).encryptions).toEqual(['nip04'])
  })

  it('reads what get_info says, ignoring what is not a name', () => {
    expect(
      parseGetInfo({ methods: ['make_invoice', 7, 'lookup_invoice'], notifications: 'x' }),
    ).toEqual({ methods: ['make_invoice', 'lookup_invoice'], notifications: [] })
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
    ['RATE_LIMITED', 'rate-limited', /too fast/],
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
