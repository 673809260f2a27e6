/**
 * Paid jobs in Node: the engine against a real local relay, a fake Ollama and a fake NWC
 * wallet service speaking NIP-47 on that relay — the same path a real NWC user takes.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { startFakeOllama, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { openDatabase } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { toForm } from '../../shared/settings.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'
import { until } from '../../../fixtures/until.ts'

let relay: TestRelay
let ollama: FakeOllama
let nwc: FakeNwcWallet
let engine: Engine
let dbName: string
const customerKey = generateSecretKey()

const startEngine = async (connect: boolean) => {
  const e = await createEngine({
    db: await openDatabase(dbName),
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const settings = (await e.snapshot()).settings
  const form = {
    ...toForm(settings),
    relays: relay.url,
    ollamaUrl: ollama.url,
    pricePerJobSats: '5',
    pricePer1kTokensSats: '2',
  }
  expect((await e.saveSettings(form)).ok).toBe(true)
  if (connect) expect(await e.connectNwc(nwc.uri)).toMatchObject({ ok: true })
  await until(async () => (await e.snapshot()).ollama.state === 'ready')
  await until(async () => (await e.snapshot()).wallet.state === 'ready')
  return e
}

const request = (prompt: string, tags: string[][] = []): Event =>
  finalizeEvent(
    {
      kind: 5050,
      created_at: Math.floor(Date.now() / 1000),
      content: '',
      tags: [['i', prompt, 'text'], ...tags],
    },
    customerKey,
  )
const replies = (id: string, kind: number) =>
  relay.events().filter((e) => e.kind === kind && e.tags.some((t) => t[0] === 'e' && t[1] === id))
const statuses = (id: string) =>
  replies(id, 7000).map((e) => e.tags.find((t) => t[0] === 'status')?.[1])
const invoiceOf = async (id: string) => {
  await until(() => statuses(id).includes('payment-required'))
  const amount = replies(id, 7000)
    .flatMap((e) => e.tags)
    .find((t) => t[0] === 'amount')
  return { msats: Number(amount?.[1]), bolt11: amount?.[2] as string }
}

beforeEach(async () => {
  dbName = `paid-${Math.random()}`
  relay = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 1 })
  nwc = await startNwcWallet({ relayUrl: relay.url })
  engine = await startEngine(true)
  expect(await engine.goOnline()).toEqual({ ok: true, value: 'online' })
  await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
})

afterEach(async () => {
  await engine.close()
  await nwc.stop()
  await relay.stop()
  await ollama.stop()
})

describe('paid jobs', () => {
  it('quotes, waits for settlement, then delivers once with the amount', async () => {
    const req = request('paid question', [['param', 'max_tokens', '1500']])
    relay.injectEvent(req)
    const invoice = await invoiceOf(req.id)
    // 5 sats + 2 sats x ceil(1500 / 1000)
    expect(invoice.msats).toBe(9000)
    // Quoted and idle: nothing runs until it is paid.
    await engine.whenIdle()
    expect(replies(req.id, 6050)).toHaveLength(0)
    await nwc.pay(invoice.bolt11)
    await until(() => statuses(req.id).includes('success'))
    const results = replies(req.id, 6050)
    expect(results).toHaveLength(1)
    expect(results[0]?.tags).toContainEqual(['amount', '9000'])
    expect(statuses(req.id)).toEqual(['payment-required', 'processing', 'success'])
    expect(nwc.invoices()).toHaveLength(1)
    expect((await engine.snapshot()).counts.satsEarned).toBe(9)
  })

  it('makes one unpaid invoice per customer: a second request is refused with when to retry', async () => {
    const first = request('first question')
    relay.injectEvent(first)
    await invoiceOf(first.id)
    const second = request('second question')
    relay.injectEvent(second)
    await until(() => statuses(second.id).includes('error'))
    const text = replies(second.id, 7000)[0]?.tags.find((t) => t[0] === 'status')?.[2]
    expect(text).toMatch(/already have an unpaid invoice.*try again when it expires/)
    expect(nwc.invoices()).toHaveLength(1)
    // Paid, the first no longer holds the customer back.
    await nwc.pay((await invoiceOf(first.id)).bolt11)
    await until(() => statuses(first.id).includes('success'))
    const third = request('third question')
    relay.injectEvent(third)
    await invoiceOf(third.id)
    expect(nwc.invoices()).toHaveLength(2)
  })

  it('refuses a bid below the price, naming it, with no invoice', async () => {
    const req = request('cheap', [['bid', '1000']])
    relay.injectEvent(req)
    await until(() => statuses(req.id).includes('error'))
    const text = replies(req.id, 7000)[0]?.tags.find((t) => t[0] === 'status')?.[2]
    // No max_tokens: priced at the cap, 4096 -> 5 sats + 2 x 5
    expect(text).toContain('15000 msats')
    expect(nwc.invoices()).toHaveLength(0)
  })

  it('resumes watching after a restart and delivers once when paid', async () => {
    const req = request('pay me later')
    relay.injectEvent(req)
    const invoice = await invoiceOf(req.id)
    await engine.close()
    engine = await startEngine(false)
    await until(async () => (await engine.snapshot()).state === 'online')
    await nwc.pay(invoice.bolt11)
    await until(() => statuses(req.id).includes('success'))
    await engine.whenIdle()
    expect(replies(req.id, 6050)).toHaveLength(1)
    expect(nwc.invoices()).toHaveLength(1)
  })

  it('ends an unpaid job as expired, with an error feedback, and never runs it', async () => {
    await engine.close()
    const db = await openDatabase(dbName)
    await db.put(
      'kv',
      { ...((await db.get('kv', 'settings')) as object), invoiceExpirySeconds: 1 },
      'settings',
    )
    db.close()
    engine = await startEngine(false)
    await until(async () => (await engine.snapshot()).state === 'online')
    const req = request('never paid')
    relay.injectEvent(req)
    await invoiceOf(req.id)
    await until(() => statuses(req.id).includes('error'), 15_000)
    const text = replies(req.id, 7000)
      .at(-1)
      ?.tags.find((t) => t[0] === 'status')?.[2]
    expect(text).toContain('expired')
    const [job] = await newestJobs(engine, 1)
    expect(job?.state).toBe('expired')
    expect(replies(req.id, 6050)).toHaveLength(0)
    expect(ollama.generations()).toHaveLength(0)
  })

  it('delivers once when the engine stops between payment and result', async () => {
    ollama.setTokenDelayMs(300)
    const req = request('one two three four five six seven eight')
    relay.injectEvent(req)
    const invoice = await invoiceOf(req.id)
    await nwc.pay(invoice.bolt11)
    await until(() => statuses(req.id).includes('processing'))
    await engine.close()
    ollama.setTokenDelayMs(1)
    engine = await startEngine(false)
    await until(() => statuses(req.id).includes('success'), 15_000)
    await engine.whenIdle()
    const results = replies(req.id, 6050)
    expect(results).toHaveLength(1)
    expect(results[0]?.tags).toContainEqual(['amount', String(invoice.msats)])
    expect(nwc.invoices()).toHaveLength(1)
    expect(
      replies(req.id, 7000).filter((e) => e.tags.some((t) => t[1] === 'payment-required')),
    ).toHaveLength(1)
  })

  it('says why when the wallet cannot make an invoice, and keeps serving', async () => {
    nwc.setUnreachable(true)
    const req = request('wallet down')
    relay.injectEvent(req)
    await until(() => statuses(req.id).includes('error'), 40_000)
    const text = replies(req.id, 7000)[0]?.tags.find((t) => t[0] === 'status')?.[2]
    expect(text).toContain('wallet could not make an invoice')
    const [job] = await newestJobs(engine, 1)
    expect(job?.state).toBe('failed')
  }, 60_000)
})
