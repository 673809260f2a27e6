import { describe, expect, it } from 'vitest'
import { checkWithdrawInvoice, NOT_AN_INVOICE } from './withdraw-invoice.ts'

// BOLT11's own test vectors: "1 cup coffee" for 250,000,000 msats with a one-minute expiry, and
// "Please consider supporting this project", with no amount; both made at 1496314658.
const COFFEE =
  'lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh'
const DONATION =
  'lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql'
const HASH = '0001020304050607080900010203040506070809000102030405060708090102'
const T = 1496314658
const during = T * 1000 + 30_000

describe('checkWithdrawInvoice', () => {
  it('says nothing before anything is pasted', () => {
    expect(checkWithdrawInvoice('', during)).toBeNull()
    expect(checkWithdrawInvoice('  lightning:  ', during)).toBeNull()
  })

  it('reads the amount and description of an invoice, as pasted or behind lightning:', () => {
    for (const pasted of [COFFEE, ` lightning:${COFFEE} `, COFFEE.toUpperCase()]) {
      expect(checkWithdrawInvoice(pasted, during)).toEqual({
        ok: true,
        value: {
          network: 'bc',
          amountMsats: 250_000_000,
          paymentHash: HASH,
          expiresAt: (T + 60) * 1000,
          description: '1 cup coffee',
        },
      })
    }
    // No amount: the payer's wallet decides.
    expect(checkWithdrawInvoice(DONATION, during)).toMatchObject({
      ok: true,
      value: { amountMsats: null, description: 'Please consider supporting this project' },
    })
  })

  it.each([
    ['hello', NOT_AN_INVOICE],
    ['lnbc-not-an-invoice', `${NOT_AN_INVOICE} It looks cut short or changed`],
    [
      'LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS',
      'This is an LNURL',
    ],
    ['satoshi@walletofsatoshi.com', 'This is a Lightning address'],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'This is a Bitcoin address'],
    [
      'bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.001',
      'This is a Bitcoin address',
    ],
    ['npub1sg6plzptd64u62a878hep2kev88swjh3tw00gjsfl8f237lmu63q0uf63m', 'This is a Nostr key'],
  ])('refuses %s at once, saying what it is', (pasted, words) => {
    const checked = checkWithdrawInvoice(pasted, during)
    expect(checked?.ok).toBe(false)
    expect(checked?.ok === false && checked.error.startsWith(words)).toBe(true)
  })

  it('refuses an invoice cut short when copied', () => {
    expect(checkWithdrawInvoice(COFFEE.slice(0, -5), during)).toEqual({
      ok: false,
      error: `${NOT_AN_INVOICE} It looks cut short or changed: copy it again.`,
    })
  })

  it('refuses an expired invoice, saying since when', () => {
    const late = (T + 60) * 1000 + 5 * 60_000
    expect(checkWithdrawInvoice(COFFEE, late)).toEqual({
      ok: false,
      error: 'This invoice expired 5 min ago. Make a new one in the wallet that receives.',
    })
  })
})
