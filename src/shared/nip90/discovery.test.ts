import { describe, expect, it } from 'vitest'
import {
  announcementId,
  buildAnnouncement,
  buildHeartbeat,
  buildProfile,
  buildRelayList,
  NO_PROFILE,
  resolveProfile,
  type Offer,
} from './discovery.ts'

const PUBKEY = 'ab'.repeat(32)
const NOW = 1_750_000_000

const offer = (over: Partial<Offer> = {}): Offer => ({
  models: ['llama3.2:1b', 'qwen2.5:0.5b'],
  defaultModel: 'qwen2.5:0.5b',
  maxTokens: 4096,
  pricePerJobSats: 0,
  pricePer1kTokensSats: 0,
  priceMsats: 0,
  ...over,
})

const typed = {
  name: ' Ada’s GPU ',
  about: 'Fast answers from a 4090',
  picture: 'https://example.com/ada.png',
  lightningAddress: 'ada@example.com',
}

const contentOf = (e: { content: string }) => JSON.parse(e.content) as Record<string, unknown>

describe('resolveProfile', () => {
  it('names an untouched provider after its default model and says what it sells', () => {
    expect(resolveProfile(NO_PROFILE, offer())).toEqual({
      name: 'qwen2.5:0.5b on Sell Compute',
      about:
        'Text generation (NIP-90, kind 5050) on a local Ollama: llama3.2:1b, qwen2.5:0.5b. Price: free.',
      picture: '',
      lightningAddress: '',
    })
  })

  it('states the price in words, and copes with no model for sale', () => {
    const paid = offer({ models: [], defaultModel: '', pricePerJobSats: 2, priceMsats: 6000 })
    expect(resolveProfile(NO_PROFILE, { ...paid, pricePer1kTokensSats: 1 })).toMatchObject({
      name: 'Sell Compute',
      about: expect.stringContaining('no models yet. Price: 2 sats per job + 1 sats per 1k tokens'),
    })
  })

  it('keeps what the person typed, trimmed', () => {
    expect(resolveProfile(typed, offer())).toEqual({ ...typed, name: 'Ada’s GPU' })
  })
})

describe('buildAnnouncement', () => {
  it('carries the fields Amethyst, Primal and noStrudel read, in both spellings', () => {
    const profile = resolveProfile(typed, offer())
    const event = buildAnnouncement({
      pubkey: PUBKEY,
      profile,
      offer: offer({ priceMsats: 6000 }),
      now: NOW,
    })
    expect(event.kind).toBe(31990)
    expect(event.created_at).toBe(NOW)
    expect(event.tags).toEqual([
      ['d', announcementId(PUBKEY)],
      ['k', '5050'],
    ])
    const content = contentOf(event)
    expect(content).toMatchObject({
      name: 'Ada’s GPU',
      about: 'Fast answers from a 4090',
      picture: 'https://example.com/ada.png',
      image: 'https://example.com/ada.png',
      amount: '6000',
      supportsEncryption: true,
      encryptionSupported: true,
      lud16: 'ada@example.com',
    })
    const params = content.nip90Params as Record<string, { values: string[] }>
    expect(params.model?.values).toEqual(['llama3.2:1b', 'qwen2.5:0.5b'])
    expect(params.max_tokens?.values).toEqual(['4096'])
    expect(Object.keys(params)).toEqual(
      expect.arrayContaining(['temperature', 'top_k', 'presence_penalty', 'stop', 'seed']),
    )
  })

  it('says "free" at price 0 and leaves out a picture and lightning address not set', () => {
    const content = contentOf(
      buildAnnouncement({
        pubkey: PUBKEY,
        profile: resolveProfile(NO_PROFILE, offer()),
        offer: offer(),
        now: NOW,
      }),
    )
    expect(content.amount).toBe('free')
    for (const key of ['picture', 'image', 'lud16']) expect(content).not.toHaveProperty(key)
  })
})

describe('buildProfile, buildRelayList, buildHeartbeat', () => {
  it('a kind 0 with the same name, about and picture, marked as a bot', () => {
    const profile = resolveProfile(typed, offer())
    const event = buildProfile(profile, NOW)
    expect(event.kind).toBe(0)
    expect(contentOf(event)).toEqual({
      name: 'Ada’s GPU',
      display_name: 'Ada’s GPU',
      about: 'Fast answers from a 4090',
      picture: 'https://example.com/ada.png',
      lud16: 'ada@example.com',
      bot: true,
    })
    expect(contentOf(buildProfile(resolveProfile(NO_PROFILE, offer()), NOW))).not.toHaveProperty(
      'picture',
    )
  })

  it('a kind 10002 with one r tag per relay, read and write', () => {
    const relays = ['wss://a.example', 'wss://b.example', 'wss://a.example']
    expect(buildRelayList(relays, NOW)).toEqual({
      kind: 10002,
      created_at: NOW,
      content: '',
      tags: [
        ['r', 'wss://a.example'],
        ['r', 'wss://b.example'],
      ],
    })
  })

  it.each(['online', 'offline'] as const)('a %s heartbeat expiring one period ahead', (status) => {
    expect(buildHeartbeat(PUBKEY, NOW, status)).toEqual({
      kind: 11998,
      created_at: NOW,
      content: '',
      tags: [
        ['d', announcementId(PUBKEY)],
        ['status', status],
        ['expiration', String(NOW + 300)],
      ],
    })
  })
})

describe('prices per model in the announcement', () => {
  const priced = offer({
    pricePerJobSats: 2,
    priceMsats: 2000,
    prices: [
      { model: 'llama3.2:1b', perJobSats: 50, per1kTokensSats: 5, priceMsats: 75_000 },
      { model: 'qwen2.5:0.5b', perJobSats: 2, per1kTokensSats: 0, priceMsats: 2000 },
    ],
  })

  it("lists each model's price, and says them in the about when they differ", () => {
    const event = buildAnnouncement({
      pubkey: PUBKEY,
      profile: resolveProfile(NO_PROFILE, priced),
      offer: priced,
      now: NOW,
    })
    const content = contentOf(event)
    expect(content).toMatchObject({
      amount: '2000',
      prices: {
        'llama3.2:1b': { amount: '75000', perJobSats: 50, per1kTokensSats: 5 },
        'qwen2.5:0.5b': { amount: '2000', perJobSats: 2, per1kTokensSats: 0 },
      },
    })
    expect(content.about).toContain(
      'Price: llama3.2:1b 50 sats per job + 5 sats per 1k tokens; qwen2.5:0.5b 2 sats per job + 0 sats per 1k tokens.',
    )
  })

  it('says one price when every model is at the defaults', () => {
    const same = offer({
      pricePerJobSats: 2,
      priceMsats: 2000,
      prices: [{ model: 'qwen2.5:0.5b', perJobSats: 2, per1kTokensSats: 0, priceMsats: 2000 }],
    })
    expect(resolveProfile(NO_PROFILE, same).about).toContain(
      'Price: 2 sats per job + 0 sats per 1k tokens.',
    )
  })
})
