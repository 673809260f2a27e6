import { describe, expect, it } from 'vitest'
import { readBolt11 } from './bolt11-amount.ts'

// The data part is not checked beyond its alphabet: the amount lives in the human-readable part.
const data = 'pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypq'

describe('readBolt11', () => {
  it.each([
    [`lnbc2500u1${data}`, 'bc', 250_000_000],
    [`lnbc20m1${data}`, 'bc', 2_000_000_000],
    [`lnbc1${data}`, 'bc', null],
    [`lnbc10n1${data}`, 'bc', 1_000],
    [`lnbc1230p1${data}`, 'bc', 123],
    [`lntb5u1${data}`, 'tb', 500_000],
    [`lntbs1m1${data}`, 'tbs', 100_000_000],
    [`lnbcrt50n1${data}`, 'bcrt', 5_000],
    [`LNBC10N1${data.toUpperCase()}`, 'bc', 1_000],
    [`lightning:lnbc10n1${data}`, 'bc', 1_000],
    [`lnbc11${data}`, 'bc', 100_000_000_000],
  ])('reads %s', (invoice, network, amountMsats) => {
    expect(readBolt11(invoice)).toEqual({ network, amountMsats })
  })

  it.each([
    ['not an invoice', 'hello'],
    ['an unknown network', `lnxx10n1${data}`],
    ['a fraction of a msat', `lnbc1p1${data}`],
    ['a multiplier with no digits', `lnbcu1${data}`],
    ['a zero amount', `lnbc0n1${data}`],
    ['no data part', 'lnbc10n1'],
    ['characters outside bech32', 'lnbc10n1bio'],
    ['an amount beyond any number we can hold', `lnbc999999999999999999991${data}`],
  ])('refuses %s', (_why, invoice) => {
    expect(readBolt11(invoice)).toBeNull()
  })
})
