import { describe, expect, it } from 'vitest'
import type { NostrEvent } from '../nip90/types.ts'
import { HOUR_MS } from './demand.ts'
import { MAX_PROVIDERS } from './providers.ts'
import { DEFAULT_SETTINGS } from '../settings.ts'
import { createMarketTally } from './tally.ts'
import { marketView, type MarketView } from './view.ts'

const ME = 'a'.repeat(64)
const OTHER = 'b'.repeat(64)
const NOW = 1_800_000_000_000
let n = 0
const hex = (i: number) => i.toString(16).padStart(64, '0')

const ev = (kind: number, tags: string[][], o: Partial<NostrEvent> = {}): NostrEvent => ({
  id: hex(++n),
  pubkey: hex(1_000_000 + n),
  created_at: Math.floor(NOW / 1000) - 10,
  kind,
  tags,
  content: '',
  sig: '0'.repeat(128),
  ...o,
})
const request = (tags: string[][] = [], o: Partial<NostrEvent> = {}) =>
  ev(5050, [['i', 'hello', 'text'], ...tags], o)

const view = (o: Partial<MarketView> = {}): MarketView => {
  const v = {
    pubkey: ME,
    online: true,
    pricePerJobSats: 10,
    tokenPartMsats: () => 0,
    offeredModels: ['llama3.2'],
    ...o,
  }
  return {
    quoteMsats: (maxTokens, model) => v.pricePerJobSats * 1000 + v.tokenPartMsats(maxTokens, model),
    ...v,
  }
}
const row = (t: ReturnType<typeof createMarketTally>, reason: string, v = view()) =>
  t.report(v, NOW).demand.find((d) => d.reason === reason)

describe('market tally: demand by reason', () => {
  it.each([
    ['an open request decided by the engine', [], 'taken'],
    ['a request for another provider', [['p', OTHER]], 'other-provider'],
    ['a request encrypted for someone else', [['p', OTHER], ['encrypted']], 'encrypted-elsewhere'],
  ])('%s', (_, tags, reason) => {
    const t = createMarketTally(undefined, NOW)
    const e = request(tags)
    t.observe(e, view(), NOW)
    if (reason === 'taken') {
      expect(t.report(view(), NOW).total.day).toBe(0)
      t.decided(e.id, 'taken', {}, e.created_at, NOW)
    }
    expect(row(t, reason)).toMatchObject({ hour: 1, day: 1 })
    expect(t.report(view(), NOW).total).toEqual({ hour: 1, day: 1 })
  })

  it('a request ours while offline counts as "while offline" until the engine takes it', () => {
    const t = createMarketTally(undefined, NOW)
    const e = request([
      ['p', OTHER],
      ['p', ME],
    ])
    t.observe(e, view({ online: false }), NOW)
    expect(row(t, 'offline')).toMatchObject({ words: 'while offline', day: 1 })
    t.decided(e.id, 'taken', {}, e.created_at, NOW)
    expect(row(t, 'offline')?.day).toBe(0)
    expect(row(t, 'taken')?.day).toBe(1)
  })

  it('counts a request once when several relays send it', () => {
    const t = createMarketTally(undefined, NOW)
    const e = request([['p', OTHER]])
    for (let i = 0; i < 3; i++) t.observe(e, view(), NOW)
    expect(row(t, 'other-provider')?.day).toBe(1)
  })

  it('keeps an hour apart from the day', () => {
    const t = createMarketTally(undefined, NOW)
    const old = request([['p', OTHER]], { created_at: Math.floor((NOW - 2 * HOUR_MS) / 1000) })
    t.observe(old, view(), NOW)
    t.observe(request([['p', OTHER]]), view(), NOW)
    expect(row(t, 'other-provider')).toMatchObject({ hour: 1, day: 2 })
    expect(t.report(view(), NOW + 23 * HOUR_MS).total.day).toBe(1)
    expect(t.report(view(), NOW + 25 * HOUR_MS).total.day).toBe(0)
  })

  it('gives the lowest, median and highest bid seen, and the models not offered', () => {
    const t = createMarketTally(undefined, NOW)
    for (const bid of [3000, 9000, 5000])
      t.observe(
        request([
          ['p', OTHER],
          ['bid', String(bid)],
          ['param', 'model', 'llama3:70b'],
        ]),
        view(),
        NOW,
      )
    t.observe(
      request([
        ['p', OTHER],
        ['param', 'model', 'llama3.2'],
      ]),
      view(),
      NOW,
    )
    const r = t.report(view(), NOW)
    expect(r.bids).toEqual({ count: 3, lowestSats: 3, medianSats: 5, highestSats: 9 })
    expect(r.modelsAsked).toEqual([{ model: 'llama3:70b', count: 3 }])
  })
})

describe('market tally: price hint', () => {
  it('suggests the median room of the refused bids and counts what it would have taken', () => {
    const t = createMarketTally(undefined, NOW)
    for (const bid of [3000, 5000, 7000, 12_000]) {
      const e = request([['bid', String(bid)]])
      t.observe(e, view(), NOW)
      const reason = bid >= 10_000 ? 'taken' : 'bid-below-price'
      t.decided(e.id, reason, { bidMsats: bid }, e.created_at, NOW)
    }
    const hint = t.report(view(), NOW).hint
    expect(hint.suggestedSats).toBe(5)
    expect(hint.words).toContain(
      'At 5 sats per job you would have taken 2 more of the last 4 requests.',
    )
  })

  it('counts bids under the quote seen while offline as lost to the price too', () => {
    const t = createMarketTally(undefined, NOW)
    for (const bid of ['4000', '6000', '20000'])
      t.observe(request([['bid', bid]]), view({ online: false }), NOW)
    const hint = t.report(view(), NOW).hint
    expect(hint).toMatchObject({ suggestedSats: 4 })
    expect(hint.words).toContain(
      'At 4 sats per job you would have taken 2 more of the last 3 requests.',
    )
  })

  it('takes the per-1k part of each quote out of the room', () => {
    const t = createMarketTally(undefined, NOW)
    const e = request([['bid', '6000']])
    t.decided(e.id, 'bid-below-price', { bidMsats: 6000, maxTokens: 2000 }, e.created_at, NOW)
    const v = view({ tokenPartMsats: (m) => Math.ceil((m ?? 1000) / 1000) * 2000 })
    expect(t.report(v, NOW).hint).toMatchObject({ suggestedSats: 2 })
  })

  it('says so when no request was lost to the price, and names the others’ prices', () => {
    const t = createMarketTally(undefined, NOW)
    t.observe(
      ev(31990, [['k', '5050']], { content: JSON.stringify({ name: 'A', amount: 4000 }) }),
      view(),
      NOW,
    )
    t.observe(
      ev(31990, [['k', '5050']], { content: JSON.stringify({ name: 'B', amount: 'free' }) }),
      view(),
      NOW,
    )
    const hint = t.report(view(), NOW).hint
    expect(hint.suggestedSats).toBeUndefined()
    expect(hint.words).toBe(
      'No request in the last day was lost to the price. Other providers ask 4 sats; you ask 10 sats per job. One other provider works for free.',
    )
  })
})

describe('market tally: other providers', () => {
  it('reads announcements, heartbeats and results, and who answered what we did not take', () => {
    const t = createMarketTally(undefined, NOW)
    const content = JSON.stringify({
      name: 'Big GPU',
      amount: '21000',
      nip90Params: { model: { values: ['llama3:70b'] } },
    })
    t.observe(
      ev(
        31990,
        [
          ['d', 'x'],
          ['k', '5050'],
        ],
        { pubkey: OTHER, content },
      ),
      view(),
      NOW,
    )
    t.observe(ev(11998, [['status', 'online']], { pubkey: OTHER }), view(), NOW)
    const missed = request([['p', OTHER]])
    t.observe(missed, view(), NOW)
    t.observe(ev(6050, [['e', missed.id]], { pubkey: OTHER }), view(), NOW)
    t.observe(ev(6050, [['e', hex(99)]], { pubkey: OTHER }), view(), NOW)
    t.observe(ev(6050, [], { pubkey: 'c'.repeat(64) }), view(), NOW)
    const [first, second] = t.report(view(), NOW).providers
    expect(first).toMatchObject({
      name: 'Big GPU',
      models: ['llama3:70b'],
      price: '21 sats',
      live: true,
      resultsHour: 2,
      resultsDay: 2,
      answeredMisses: 1,
    })
    expect(second).toMatchObject({ name: 'cccccccc…', resultsDay: 1, price: 'not stated' })
  })

  it('ignores announcements for other kinds, malformed or huge content, and our own events', () => {
    const t = createMarketTally(undefined, NOW)
    t.observe(ev(31990, [['k', '5300']], { content: '{"name":"images"}' }), view(), NOW)
    t.observe(ev(31990, [['k', '5050']], { content: '{not json' }), view(), NOW)
    t.observe(ev(31990, [['k', '5050']], { content: '[1,2]' }), view(), NOW)
    t.observe(
      ev(31990, [['k', '5050']], { content: JSON.stringify({ name: 'x'.repeat(20_000) }) }),
      view(),
      NOW,
    )
    t.observe(ev(6050, [], { pubkey: ME }), view(), NOW)
    expect(t.report(view(), NOW).providers).toEqual([])
  })

  it('cuts long names and model lists, and keeps the table bounded under a flood', () => {
    const t = createMarketTally(undefined, NOW)
    const models = Array.from({ length: 120 }, (_, i) => `m${i}`.padEnd(100, 'x'))
    const content = JSON.stringify({
      name: 'N'.repeat(500),
      nip90Params: { model: { values: models } },
    })
    for (let i = 0; i < 2000; i++)
      t.observe(
        ev(31990, [['k', '5050']], { pubkey: hex(5_000_000 + i), content }),
        view(),
        NOW + i,
      )
    expect(t.save().providers.length).toBe(MAX_PROVIDERS)
    const p = t.report(view(), NOW + 2000).providers[0]
    expect(p?.name.length).toBe(80)
    expect(p?.models.length).toBe(24)
    expect(p?.models[0]?.length).toBe(64)
  })
})

describe('market tally: saved between visits', () => {
  it('comes back whole from its saved form', () => {
    const t = createMarketTally(undefined, NOW)
    t.observe(
      request([
        ['p', OTHER],
        ['bid', '4000'],
      ]),
      view(),
      NOW,
    )
    t.observe(ev(11998, [], { pubkey: OTHER }), view(), NOW)
    const again = createMarketTally(JSON.parse(JSON.stringify(t.save())), NOW)
    expect(again.report(view(), NOW)).toEqual(t.report(view(), NOW))
  })

  it.each([
    null,
    'text',
    { v: 2 },
    { v: 1, demand: 'x' },
    { v: 1, since: 1, dropped: 0, demand: [], bids: [[1]] },
  ])('starts fresh from a saved value of another shape: %j', (raw) => {
    const t = createMarketTally(raw, NOW)
    expect(t.report(view(), NOW)).toMatchObject({ total: { hour: 0, day: 0 }, watchingSince: NOW })
  })
})

describe('market tally: results before requests', () => {
  it('credits an answer that came before the request it answers', () => {
    const t = createMarketTally(undefined, NOW)
    t.observe(ev(31990, [['k', '5050']], { pubkey: OTHER, content: '{"name":"R"}' }), view(), NOW)
    const missed = request([['p', OTHER]])
    t.observe(ev(6050, [['e', missed.id]], { pubkey: OTHER }), view(), NOW)
    t.observe(missed, view(), NOW)
    expect(t.report(view(), NOW).providers[0]).toMatchObject({ resultsDay: 1, answeredMisses: 1 })
  })
})

describe('market tally: prices per model', () => {
  const installed = ['small', 'big'].map((name) => ({ name, digest: name, sizeBytes: 1 }))
  const settings = {
    ...DEFAULT_SETTINGS,
    pricePerJobSats: 2,
    modelPrices: { big: { perJobSats: 50, per1kTokensSats: 0 } },
  }
  const priced = marketView(settings, { pubkey: ME, online: false, installed })

  it('quotes a request at the price of the model that would run it', () => {
    expect(priced.quoteMsats(undefined, 'big')).toBe(50_000)
    expect(priced.quoteMsats(undefined, 'small')).toBe(2_000)
    // Not offered here: the default model runs it, at the default price.
    expect(priced.quoteMsats(undefined, 'missing')).toBe(2_000)
  })

  it('counts a bid under the big model price as lost to it, and the same bid for the small one not', () => {
    const t = createMarketTally(undefined, NOW)
    t.observe(
      request([
        ['param', 'model', 'big'],
        ['bid', '10000'],
      ]),
      priced,
      NOW,
    )
    t.observe(
      request([
        ['param', 'model', 'small'],
        ['bid', '10000'],
      ]),
      priced,
      NOW,
    )
    const report = t.report(priced, NOW)
    expect(report.demand.find((d) => d.reason === 'offline')?.day).toBe(2)
    // Only the big model's own price lost it: the default price is not what to change.
    expect(report.hint).toEqual({
      words: '1 request(s) bid below the own price of big; change it in Models.',
    })
  })
})
