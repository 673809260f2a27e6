/**
 * The market watch in Node against real local relays: what it counts from the events they carry,
 * before the provider is online, across two relays, across a restart, and under a flood.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import type { MarketView } from '../../shared/market/view.ts'
import { createRelayPool } from '../relay/relay-pool.ts'
import { openDatabase } from '../store/db.ts'
import { createMarketStore } from '../store/market-store.ts'
import { createMarketWatch, type MarketWatch } from './market-watch.ts'
import { until } from '../../../fixtures/until.ts'

const watcherKey = generateSecretKey()
const me = getPublicKey(watcherKey)
const rival = generateSecretKey()
const customer = generateSecretKey()
let relays: TestRelay[] = []
let watches: MarketWatch[] = []

const view = (): MarketView => ({
  pubkey: me,
  online: false,
  pricePerJobSats: 10,
  quoteMsats: () => 10_000,
  tokenPartMsats: () => 0,
  offeredModels: ['llama3.2'],
})

const start = async (
  dbName: string,
  urls: string[],
  o: { ratePerSecond?: number; now?: () => number } = {},
) => {
  const db = await openDatabase(dbName)
  const w = await createMarketWatch({
    store: createMarketStore(db),
    view,
    log: () => undefined,
    now: o.now ?? Date.now,
    saveEveryMs: 50,
    ...(o.ratePerSecond ? { ratePerSecond: o.ratePerSecond } : {}),
    openPool: (o) =>
      createRelayPool({
        ...o,
        onStatus: () => undefined,
        log: () => undefined,
        signAuth: (template) => finalizeEvent(template, watcherKey),
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      }),
  })
  w.watch(urls)
  watches.push(w)
  return w
}

const signed = (key: Uint8Array, kind: number, tags: string[][], content = '') =>
  finalizeEvent({ kind, tags, content, created_at: Math.floor(Date.now() / 1000) }, key)

const row = (w: MarketWatch, reason: string) => w.report().demand.find((d) => d.reason === reason)

beforeEach(async () => {
  relays = [await startRelay(), await startRelay()]
})

afterEach(async () => {
  for (const w of watches) await w.stop()
  watches = []
  for (const r of relays) await r.stop()
})

describe('market watch', () => {
  it('counts demand and competitors before going online, once across two relays', async () => {
    const announcement = signed(
      rival,
      31990,
      [
        ['d', 'x'],
        ['k', '5050'],
      ],
      JSON.stringify({
        name: 'Rival',
        amount: 2000,
        nip90Params: { model: { values: ['qwen3'] } },
      }),
    )
    const forRival = signed(customer, 5050, [
      ['i', 'hi', 'text'],
      ['p', getPublicKey(rival)],
      ['bid', '2000'],
    ])
    const open = signed(customer, 5050, [
      ['i', 'hi', 'text'],
      ['param', 'model', 'qwen3'],
    ])
    const answer = signed(rival, 6050, [['e', forRival.id]], 'hello')
    const beat = signed(rival, 11998, [['status', 'online']])
    for (const r of relays)
      for (const e of [announcement, forRival, open, answer, beat]) r.injectEvent(e)
    const w = await start(
      `m-${Math.random()}`,
      relays.map((r) => r.url),
    )
    await until(
      () =>
        w.report().providers[0]?.name === 'Rival' &&
        w.report().providers[0]?.live === true &&
        w.report().providers[0]?.resultsDay === 1 &&
        w.report().total.day === 2,
    )
    expect(row(w, 'other-provider')).toMatchObject({ hour: 1, day: 1 })
    expect(row(w, 'offline')).toMatchObject({ hour: 1, day: 1 })
    expect(w.report().modelsAsked).toEqual([{ model: 'qwen3', count: 1 }])
    expect(w.report().bids).toMatchObject({ count: 1, lowestSats: 2 })
    expect(w.report().providers).toEqual([
      expect.objectContaining({
        name: 'Rival',
        models: ['qwen3'],
        price: '2 sats',
        live: true,
        answeredMisses: 1,
      }),
    ])
  })

  it('keeps its figures across a restart', async () => {
    const dbName = `m-${Math.random()}`
    const w = await start(dbName, [relays[0]!.url])
    relays[0]!.injectEvent(
      signed(customer, 5050, [
        ['i', 'x', 'text'],
        ['p', getPublicKey(rival)],
      ]),
    )
    await until(() => w.report().total.day === 1)
    await w.stop()
    watches = watches.filter((x) => x !== w)
    const again = await start(dbName, [])
    expect(row(again, 'other-provider')?.day).toBe(1)
  })

  it('stays bounded under a flood of fake providers and drops past its rate', async () => {
    // A clock that stands still: every event falls in one second, so the cap is exact.
    const frozen = Date.now()
    const w = await start(`m-${Math.random()}`, [relays[0]!.url], {
      ratePerSecond: 100,
      now: () => frozen,
    })
    // Live events, not the stored ones a REQ's `limit` would cut short.
    await until(() => relays[0]!.subscriptions().length > 0)
    for (let i = 0; i < 400; i++)
      relays[0]!.injectEvent(
        signed(
          generateSecretKey(),
          31990,
          [
            ['d', 'x'],
            ['k', '5050'],
          ],
          '{"name":"spam"}',
        ),
      )
    await until(() => w.report().dropped + w.report().providerCount === 400, 15_000)
    expect(w.report().dropped).toBe(300)
    expect(w.report().providerCount).toBe(100)
    expect(w.report().providers.length).toBeLessThanOrEqual(50)
  })
})
