import { describe, expect, it } from 'vitest'
import { getPublicKey } from 'nostr-tools/pure'
import { hexToBytes } from 'nostr-tools/utils'
import { describeNwc, parseNwcUri } from './nwc-uri.ts'

const wallet = 'b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4'
const secret = '71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c'
const relay = 'wss%3A%2F%2Frelay.damus.io'
const good = `nostr+walletconnect://${wallet}?relay=${relay}&secret=${secret}`

const errorOf = (uri: string) => {
  const parsed = parseNwcUri(uri)
  if (parsed.ok) throw new Error('expected a refusal')
  return parsed.error
}

describe('parseNwcUri', () => {
  it('reads the example from NIP-47', () => {
    const parsed = parseNwcUri(good)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.walletPubkey).toBe(wallet)
    expect(parsed.value.relays).toEqual(['wss://relay.damus.io'])
    expect(parsed.value.secretKey).toEqual(hexToBytes(secret))
    expect(parsed.value.clientPubkey).toBe(getPublicKey(hexToBytes(secret)))
    expect(parsed.value.lud16).toBeUndefined()
  })

  it('takes several relays, the old scheme, upper case, spaces and a lightning address', () => {
    const uri =
      `  nostrwalletconnect:${wallet.toUpperCase()}?relay=wss://a.example/&relay=ws://127.0.0.1:7777` +
      `&relay=wss://a.example&secret=${secret.toUpperCase()}&lud16=me@getalby.com \n`
    const parsed = parseNwcUri(uri)
    expect(parsed.ok && parsed.value).toMatchObject({
      walletPubkey: wallet,
      relays: ['wss://a.example', 'ws://127.0.0.1:7777'],
      lud16: 'me@getalby.com',
    })
  })

  it('drops a malformed lightning address instead of refusing the wallet', () => {
    const parsed = parseNwcUri(`${good}&lud16=not-an-address`)
    expect(parsed.ok && parsed.value.lud16).toBeUndefined()
  })

  it.each([
    ['', /empty/],
    ['https://example.com', /should start with nostr\+walletconnect:\/\//],
    [`nostr+walletconnect://abc?relay=${relay}&secret=${secret}`, /wallet key .*"abc".*64 hex/],
    [`nostr+walletconnect://${wallet}?secret=${secret}`, /names no relay/],
    [`nostr+walletconnect://${wallet}?relay=nonsense&secret=${secret}`, /"nonsense".*not a URL/],
    [`nostr+walletconnect://${wallet}?relay=https://x.example&secret=${secret}`, /not a WebSocket/],
    [`nostr+walletconnect://${wallet}?relay=${relay}`, /no secret/],
    [`nostr+walletconnect://${wallet}?relay=${relay}&secret=1234`, /secret .* not 64 hex/],
    [`nostr+walletconnect://${wallet}?relay=${relay}&secret=${'0'.repeat(64)}`, /not a usable key/],
    [
      `nostr+walletconnect://${getPublicKey(hexToBytes(secret))}?relay=${relay}&secret=${secret}`,
      /same key/,
    ],
  ])('refuses %j with a reason', (uri, reason) => {
    const error = errorOf(uri)
    expect(error).toMatch(reason)
    expect(error).not.toContain(secret)
  })

  it('describes a wallet without its secret', () => {
    expect(describeNwc({ walletPubkey: wallet, relays: ['wss://r.example'] })).toBe(
      'wallet b889ff5b… via wss://r.example',
    )
  })
})
