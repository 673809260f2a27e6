/**
 * Discovery against a real local relay: the NIP-89 listing, the kind 0 profile and the kind
 * 10002 relay list as clients read them, and Go Offline saying so at once.
 */
import { describe, expect, it } from 'vitest'
import * as nip19 from 'nostr-tools/nip19'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { until, useEngineRig } from '../../../fixtures/engine-rig.ts'
import { DEFAULT_MODELS } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { toForm } from '../../shared/settings.ts'

const rig = useEngineRig()

const published = (kind: number, pubkey: string) =>
  rig.relay.events().filter((e) => e.kind === kind && e.pubkey === pubkey)
const contentOf = (e: Event) => JSON.parse(e.content) as Record<string, unknown>
const tag = (e: Event, name: string) => e.tags.find((t) => t[0] === name)?.[1]

describe('what clients read of the provider', () => {
  it('with nothing typed: a listing named after the default model, its kind 0 and its relays', async () => {
    const [first, second] = [DEFAULT_MODELS[0]!, DEFAULT_MODELS[1]!]
    const engine = await rig.startOnline({ defaultModel: second.name, pricePerJobSats: 0 })
    const provider = (await engine.snapshot()).provider.pubkey
    const listing = await rig.relay.waitForEvent({ kinds: [31990], authors: [provider] })
    const profile = await rig.relay.waitForEvent({ kinds: [0], authors: [provider] })
    const relays = await rig.relay.waitForEvent({ kinds: [10002], authors: [provider] })

    const content = contentOf(listing)
    expect(content).toMatchObject({
      name: `${second.name} on Sell Compute`,
      amount: 'free',
      supportsEncryption: true,
      encryptionSupported: true,
    })
    expect(content.about).toContain(first.name)
    expect(content).not.toHaveProperty('lud16')
    const params = content.nip90Params as Record<string, { values: string[] }>
    expect(params.model?.values).toEqual(DEFAULT_MODELS.map((m) => m.name))

    expect(contentOf(profile)).toMatchObject({
      name: content.name,
      about: content.about,
      bot: true,
    })
    expect(profile.tags).toContainEqual(['client', 'Sell Compute'])
    expect(relays.tags).toEqual([['r', rig.relay.url]])
  })

  it('prices in msats, for a job that names no max_tokens, and republishes on a change', async () => {
    const nwc = await startNwcWallet({ relayUrl: rig.relay.url })
    rig.cleanups.push(() => nwc.stop())
    const engine = await rig.startOnline(
      { pricePerJobSats: 2, pricePer1kTokensSats: 1 },
      { nwcUri: nwc.uri },
    )
    const provider = (await engine.snapshot()).provider.pubkey
    await until(() => published(31990, provider).length > 0)
    // 2 sats + 1 sat x ceil(4096 / 1000)
    expect(contentOf(published(31990, provider)[0]!).amount).toBe('7000')

    const newest = () => contentOf(published(31990, provider)[0]!)
    const first = DEFAULT_MODELS[0]!.name
    expect((await engine.setOfferedModels([first])).ok).toBe(true)
    await until(
      () => (newest().nip90Params as { model: { values: string[] } }).model.values.join() === first,
    )
    const form = { ...toForm((await engine.snapshot()).settings), pricePerJobSats: '5' }
    expect((await engine.saveSettings(form)).ok).toBe(true)
    // The listing says the new price at once, not at the next heartbeat.
    await until(() => newest().amount === '10000', 3000)
    expect(published(31990, provider)).toHaveLength(1)
  })

  it('with a profile typed in Settings: the same name, about and picture in both, and lud16', async () => {
    const engine = await rig.startOnline({
      providerName: 'Ada’s GPU',
      providerAbout: 'Fast answers from a 4090',
      providerPicture: 'https://example.com/ada.png',
      lightningAddress: 'ada@example.com',
    })
    const provider = (await engine.snapshot()).provider.pubkey
    const listing = await rig.relay.waitForEvent({ kinds: [31990], authors: [provider] })
    const profile = await rig.relay.waitForEvent({ kinds: [0], authors: [provider] })
    const said = {
      name: 'Ada’s GPU',
      about: 'Fast answers from a 4090',
      picture: 'https://example.com/ada.png',
      lud16: 'ada@example.com',
    }
    expect(contentOf(listing)).toMatchObject({ ...said, image: said.picture })
    expect(contentOf(profile)).toMatchObject(said)

    // Saved again with another name: both say it at once, each replacing the one before.
    const form = { ...toForm((await engine.snapshot()).settings), providerName: 'Ada, renamed' }
    expect((await engine.saveSettings(form)).ok).toBe(true)
    await until(() =>
      [31990, 0].every((kind) => contentOf(published(kind, provider)[0]!).name === 'Ada, renamed'),
    )
    expect(published(0, provider)).toHaveLength(1)
    expect(published(31990, provider)).toHaveLength(1)
  })

  it("keeps a kind 0 this key already has from elsewhere: a person's own profile is theirs", async () => {
    const secret = generateSecretKey()
    const own = finalizeEvent(
      {
        kind: 0,
        created_at: Math.floor(Date.now() / 1000) - 60,
        tags: [],
        content: '{"name":"Ada"}',
      },
      secret,
    )
    rig.relay.injectEvent(own)
    const engine = await rig.startOnline({}, { nsec: nip19.nsecEncode(secret) })
    const provider = getPublicKey(secret)
    expect((await engine.snapshot()).provider.pubkey).toBe(provider)
    await rig.relay.waitForEvent({ kinds: [31990], authors: [provider] })
    await until(async () =>
      (await engine.recentLog()).some((l) => l.message.includes('made elsewhere')),
    )
    expect(published(0, provider)).toEqual([own])
  })

  it('Go Offline publishes a heartbeat whose status says offline, before the job in hand ends', async () => {
    const engine = await rig.startOnline()
    const provider = (await engine.snapshot()).provider.pubkey
    const online = await rig.relay.waitForEvent({ kinds: [11998], authors: [provider] })
    expect(tag(online, 'status')).toBe('online')

    rig.ollama.setTokenDelayMs(100)
    rig.relay.injectEvent(
      finalizeEvent(
        {
          kind: 5050,
          created_at: Math.floor(Date.now() / 1000),
          tags: [['i', Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), 'text']],
          content: '',
        },
        generateSecretKey(),
      ),
    )
    await until(() => rig.ollama.generations().length > 0)
    const offline = engine.goOffline()
    await until(() => published(11998, provider).some((e) => tag(e, 'status') === 'offline'))
    const beat = published(11998, provider).find((e) => tag(e, 'status') === 'offline')!
    expect(beat.created_at).toBeGreaterThan(online.created_at)
    expect(tag(beat, 'd')).toBe(tag(online, 'd'))
    expect(Number(tag(beat, 'expiration'))).toBe(beat.created_at + 300)
    // Said while the running job was still being finished.
    expect(rig.relay.events().some((e) => e.kind === 6050)).toBe(false)
    expect(await offline).toBe('offline')
    expect(rig.relay.events().filter((e) => e.kind === 6050)).toHaveLength(1)
  })
})
