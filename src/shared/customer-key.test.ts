import { npubEncode } from 'nostr-tools/nip19'
import { describe, expect, it } from 'vitest'
import {
  customerNpub,
  matchesShort,
  parseCustomer,
  shortNpub,
  shortNpubKeyRange,
} from './customer-key.ts'

const hex = '7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e'
const npub = npubEncode(hex)

describe('one form of a customer', () => {
  it('is the npub, shortened to its head and tail', () => {
    expect(customerNpub(hex)).toBe(npub)
    expect(shortNpub(hex)).toBe(`${npub.slice(0, 10)}…${npub.slice(-4)}`)
    expect(shortNpub(hex)).toHaveLength(15)
  })

  it('leaves what is not a key as it is', () => {
    expect(customerNpub('alice')).toBe('alice')
    expect(shortNpub('alice')).toBe('alice')
  })
})

describe('the customer filter takes what the screen shows', () => {
  it('takes a whole npub or a hex key', () => {
    expect(parseCustomer(` ${npub} `)).toEqual({ kind: 'key', hex })
    expect(parseCustomer(hex.toUpperCase())).toEqual({ kind: 'key', hex })
  })

  it('takes the shortened npub as displayed, or typed with three dots', () => {
    const shown = shortNpub(hex)
    const short = { head: npub.slice(0, 10), tail: npub.slice(-4) }
    expect(parseCustomer(shown)).toEqual({ kind: 'short', short })
    expect(parseCustomer(shown.replace('…', '...'))).toEqual({ kind: 'short', short })
    expect(parseCustomer(`${npub.slice(0, 9)}…${npub.slice(-4)}`).kind).toBe('short')
  })

  it('filters nothing when empty', () => {
    expect(parseCustomer('  ')).toEqual({ kind: 'none' })
  })

  it('says what to type for anything else', () => {
    for (const text of ['npub1abc', hex.slice(1), 'alice', `${npub}x`, 'npub1ab…b1io', '…wxyz']) {
      const parsed = parseCustomer(text)
      expect(parsed.kind, text).toBe('invalid')
      if (parsed.kind === 'invalid') expect(parsed.reason).toContain('shortened as shown')
    }
  })
})

describe('a shortened npub stands for keys in one range', () => {
  const keys = [
    hex,
    '00'.repeat(32),
    'ff'.repeat(32),
    '7e7e9c00'.padEnd(64, '1'),
    '7e7f'.padEnd(64, '0'),
  ]

  it('holds every key whose npub starts the same, and no other', () => {
    for (const head of [npub.slice(0, 6), npub.slice(0, 9), npub.slice(0, 10), npub.slice(0, 20)]) {
      const { lower, upper } = shortNpubKeyRange({ head, tail: '' })
      for (const key of keys) {
        const inRange = key >= lower && key <= upper
        expect(inRange, `${head} ${key}`).toBe(customerNpub(key).startsWith(head))
      }
    }
  })

  it('matches a key by head and tail', () => {
    const short = { head: npub.slice(0, 10), tail: npub.slice(-4) }
    expect(matchesShort(hex, short)).toBe(true)
    expect(matchesShort('7e7f'.padEnd(64, '0'), short)).toBe(false)
    expect(matchesShort(hex, { ...short, tail: 'qqqq' })).toBe(false)
  })
})
