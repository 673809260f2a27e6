import { describe, expect, it } from 'vitest'
import { encodeBolt11 } from '../../../fixtures/nwc-wallet-bolt11.ts'
import { readBolt11 } from './bolt11-amount.ts'

const HASH = '0001020304050607080900010203040506070809000102030405060708090102'
// BOLT11's own test vector: "Please make a donation of any amount", no amount.
const SPEC_DONATION =
  'lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql'
// And "1 cup of coffee" for 250,000,000 msats, with a one-minute expiry.
const SPEC_COFFEE =
  'lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh'

const invoice = (amountMsats: number | undefined, network = 'bc') =>
  encodeBolt11({
    ...(amountMsats === undefined ? {} : { amountMsats }),
    paymentHash: HASH,
    description: 'job',
    timestamp: 1_700_000_000,
    expirySeconds: 600,
    network,
  })

/** The same invoice with its last character (part of the checksum) changed. */
const breakLast = (text: string) => text.slice(0, -1) + (text.endsWith('q') ? 'p' : 'q')

describe('readBolt11', () => {
  it('reads the spec vectors: amount, hash and expiry', () => {
    expect(readBolt11(SPEC_COFFEE)).toEqual({
      network: 'bc',
      amountMsats: 250_000_000,
      paymentHash: HASH,
      expiresAt: (1496314658 + 60) * 1000,
    })
    // No expiry field: BOLT11's default of one hour.
    expect(readBolt11(SPEC_DONATION)).toMatchObject({
      amountMsats: null,
      expiresAt: (1496314658 + 3600) * 1000,
    })
  })

  it.each([
    [2_000_000_000, 'bc'],
    [21_000, 'bc'],
    [1_000, 'bc'],
    [123, 'bc'],
    [500_000, 'tb'],
    [5_000, 'bcrt'],
  ])('reads %i msats on %s', (msats, network) => {
    expect(readBolt11(invoice(msats, network))).toEqual({
      network,
      amountMsats: msats,
      paymentHash: HASH,
      expiresAt: (1_700_000_000 + 600) * 1000,
    })
  })

  it('reads an invoice as people paste it: upper case, or behind lightning:', () => {
    const text = invoice(21_000)
    expect(readBolt11(text.toUpperCase())?.amountMsats).toBe(21_000)
    expect(readBolt11(`lightning:${text}`)?.amountMsats).toBe(21_000)
    expect(readBolt11(` ${text}\n`)?.paymentHash).toBe(HASH)
  })

  it.each([
    ['not an invoice', 'hello'],
    ['an lnurl', 'lnurl1dp68gurn8ghj7'],
    ['an unknown network', invoice(1000, 'xx')],
    ['a broken checksum', breakLast(invoice(21_000))],
    ['a changed amount (the checksum no longer fits)', invoice(21_000).replace('210n', '2100n')],
    ['a fraction of a msat', `lnbc1p1${SPEC_DONATION.slice(5)}`],
    ['a zero amount', SPEC_DONATION.replace('lnbc1', 'lnbc0n1')],
  ])('refuses %s', (_why, text) => {
    expect(readBolt11(text)).toBeNull()
  })
})
