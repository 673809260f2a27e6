import { npubEncode } from 'nostr-tools/nip19'
import { describe, expect, it } from 'vitest'
import { parseCustomerFilter } from './customer-filter.ts'

const hex = '7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e'

describe('the customer filter', () => {
  it('takes an npub or a hex key', () => {
    expect(parseCustomerFilter(` ${npubEncode(hex)} `)).toEqual({ kind: 'key', hex })
    expect(parseCustomerFilter(hex.toUpperCase())).toEqual({ kind: 'key', hex })
  })

  it('filters nothing when empty', () => {
    expect(parseCustomerFilter('  ')).toEqual({ kind: 'none' })
  })

  it('says what to type for anything else', () => {
    for (const text of ['npub1abc', hex.slice(1), 'alice', `${npubEncode(hex)}x`]) {
      expect(parseCustomerFilter(text).kind).toBe('invalid')
    }
  })
})
