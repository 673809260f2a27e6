/**
 * The hostile-input corpus against one engine in Node: two real local relays, a fake Ollama
 * and a fake NWC wallet that can turn hostile. Every case must end exactly as expected, and
 * across all of them: no crash, no lost job, no double delivery, no double invoice.
 */
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { startFakeOllama, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import {
  buildHostileCases,
  signed,
  served,
  type CorpusContext,
  type HostileCase,
  type Wire,
} from '../../../fixtures/hostile-cases.ts'
import { SUB } from '../../../fixtures/hostile-frames.ts'
import { runPaidCases, until, type PaidRun } from '../../../fixtures/hostile-paid.ts'
import {
  indexReplies,
  judge,
  leavesJob,
  settled,
  statuses,
  type Replies,
} from '../../../fixtures/hostile-judge.ts'
import { toForm } from '../../shared/settings.ts'
import { openDatabase } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'

let relayA: TestRelay
let relayB: TestRelay
let ollama: FakeOllama
let nwc: FakeNwcWallet
let engine: Engine
let provider: string
const customerKey = generateSecretKey()
const trouble: string[] = []
const onTrouble = (e: unknown) => trouble.push(String(e))

beforeAll(async () => {
  process.on('uncaughtException', onTrouble)
  process.on('unhandledRejection', onTrouble)
  relayA = await startRelay()
  relayB = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 0 })
  nwc = await startNwcWallet({ relayUrl: relayA.url })
  engine = await createEngine({
    db: await openDatabase(`hostile-${Math.random()}`),
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const saved = await engine.saveSettings({
    ...toForm((await engine.snapshot()).settings),
    relays: `${relayA.url}\n${relayB.url}`,
    ollamaUrl: ollama.url,
    pricePerJobSats: '5',
    pricePer1kTokensSats: '2',
    concurrency: '4',
    queueCapacity: '1000',
    rateLimitPerMinute: '10000',
    // One payer sends every paid case, some while others await payment.
    unpaidInvoicesPerCustomer: '1000',
    maxUnpaidInvoices: '1000',
    invoicesPerMinute: '1000',
    streamPartials: 'false',
    // Room for the corpus's largest ordinary prompt (10,000 multi-byte characters).
    numCtx: '16384',
    allowlist: getPublicKey(customerKey),
  })
  expect(saved.ok).toBe(true)
  expect(await engine.connectNwc(nwc.uri)).toMatchObject({ ok: true })
  expect(await until(async () => (await engine.snapshot()).ollama.state === 'ready')).toBe(true)
  expect(await engine.goOnline()).toEqual({ ok: true, value: 'online' })
  provider = (await engine.snapshot()).provider.pubkey
  expect(await until(() => requestSubs(relayA).length > 0 && requestSubs(relayB).length > 0)).toBe(
    true,
  )
})

afterAll(async () => {
  process.off('uncaughtException', onTrouble)
  process.off('unhandledRejection', onTrouble)
  await engine?.close()
  await nwc?.stop()
  await Promise.all([relayA?.stop(), relayB?.stop(), ollama?.stop()])
})

/** The provider's subscriptions for requests on a relay, to aim raw frames at. */
const requestSubs = (relay: TestRelay) =>
  relay.subscriptions().filter((s) => s.filters.some((f) => f.kinds?.includes(5050)))

const send = (w: Wire) => {
  if (w.via === 'relay') return relayA.injectEvent(w.event)
  if (w.via === 'both') {
    relayA.injectEvent(w.event)
    return relayB.injectEvent(w.event)
  }
  for (const sub of requestSubs(relayA)) {
    sub.send(
      w.via === 'frame'
        ? w.text.replaceAll(SUB, sub.id)
        : JSON.stringify(['EVENT', sub.id, w.event]),
    )
  }
}

const replies = () => indexReplies(provider, [...relayA.events(), ...relayB.events()], customerKey)
const jobs = async () => new Map((await newestJobs(engine, 10_000)).map((j) => [j.id, j]))

/** A valid request after the batch, on the same connection: once it is served, so is the batch. */
const sentinel = async (ctx: CorpusContext, via: 'sub' | 'relay' = 'sub') => {
  const prompt = `sentinel ${Math.random()}`
  const event = signed(ctx, [['i', prompt, 'text']])
  send({ via, event })
  const done = await until(() => statuses(replies().get(event.id)).includes('success'))
  return { event, done, expect: served([prompt]) }
}

const runBatch = async (ctx: CorpusContext, batch: HostileCase[]) => {
  for (const c of batch) for (const w of c.wire) send(w)
  // The history is read only once the replies say the batch is done: reading it is slow.
  const failing = batch.filter((c) => c.expect.outcome === 'failed')
  await until(async () => {
    const r = replies()
    if (
      !batch.every((c) => !c.id || c.expect.outcome === 'failed' || settled(c.expect, r.get(c.id)))
    )
      return false
    const j = failing.length > 0 ? await jobs() : new Map()
    return failing.every((c) => settled(c.expect, r.get(c.id as string), j.get(c.id as string)))
  })
  const s = await sentinel(ctx)
  // Whatever the batch set going (a second answer, a second invoice) has happened once the
  // engine says nothing is in flight: counts taken after this are final.
  await engine.whenIdle()
  return s
}

it('survives the hostile-input corpus with every outcome exact', async () => {
  const snapshot = await engine.snapshot()
  const ctx: CorpusContext = {
    customerKey,
    providerPubkey: provider,
    now: Math.floor(Date.now() / 1000),
    lookbackSeconds: snapshot.settings.lookbackSeconds,
    defaultModel: '',
  }
  const cases = buildHostileCases(ctx)
  // The wallet cases run alongside: some wait out wallet timeouts (15 s).
  const paid: PaidRun = runPaidCases({ engine, nwc, provider, send, replies })
  await paid.started

  const sentinels: Awaited<ReturnType<typeof sentinel>>[] = []
  for (let i = 0; i < cases.length; i += 60)
    sentinels.push(await runBatch(ctx, cases.slice(i, i + 60)))

  // A relay that closes our subscription: the engine subscribes again and keeps serving.
  for (const sub of requestSubs(relayA))
    sub.send(JSON.stringify(['CLOSED', sub.id, 'error: go away']))
  // It reconnects (the relay keeps the closed subscription's id, so the log tells, not the relay).
  const resubscribed = await until(async () => {
    const log = (await engine.recentLog()).map((l) => l.message)
    const closed = log.findLastIndex((m) => m.includes('subscription closed: error: go away'))
    return closed >= 0 && log.slice(closed).some((m) => m === `${relayA.url}: connected`)
  }, 8000)
  const afterClosed = await sentinel(ctx, 'relay')
  const paidOutcome = await paid.finished
  await engine.whenIdle()
  const r = replies()
  const history = await jobs()
  const keys = { customerKey, providerPubkey: provider }
  const wrong: string[] = []
  for (const c of [...cases]) {
    if (!c.id) continue
    const problems = judge(c.expect, r.get(c.id), history.get(c.id), keys)
    if (problems.length > 0) wrong.push(`[${c.group}] ${c.name}: ${problems.join('; ')}`)
  }
  wrong.push(...paidOutcome.problems)
  for (const s of [...sentinels, afterClosed]) {
    const problems = judge(s.expect, r.get(s.event.id), history.get(s.event.id), keys)
    if (!s.done || problems.length > 0) wrong.push(`sentinel: ${problems.join('; ')}`)
  }
  if (!resubscribed) wrong.push('no subscription again after the relay closed it')

  // The totals the issue asks for.
  const expectedJobs = new Set([
    ...cases.filter((c) => c.id && leavesJob(c.expect)).map((c) => c.id as string),
    ...paidOutcome.jobIds,
    ...[...sentinels, afterClosed].map((s) => s.event.id),
  ])
  const lost = [...expectedJobs].filter((id) => !history.has(id))
  const extra = [...history.keys()].filter((id) => !expectedJobs.has(id))
  const doubleDeliveries = [...r.values()].filter((x: Replies) => x.results.length > 1).length
  const errorsLogged = (await engine.recentLog()).filter((l) => l.level === 'error')
  const crashes = trouble.length + errorsLogged.length + (afterClosed.done ? 0 : 1)
  const polluted = ({} as Record<string, unknown>).polluted !== undefined
  const tried = cases.length + paidOutcome.cases
  console.log(
    `hostile corpus: ${tried} cases tried, ${crashes} crashes, ${lost.length} jobs lost, ` +
      `${doubleDeliveries} double deliveries, ${paidOutcome.doubleInvoices} double invoices, ` +
      `${wrong.length} wrong outcomes, ${extra.length} unexpected jobs`,
  )
  expect(tried).toBeGreaterThanOrEqual(200)
  expect(wrong).toEqual([])
  expect([...trouble, ...errorsLogged.map((l) => l.message)]).toEqual([])
  expect({ lost, extra, doubleDeliveries, doubleInvoices: paidOutcome.doubleInvoices }).toEqual({
    lost: [],
    extra: [],
    doubleDeliveries: 0,
    doubleInvoices: 0,
  })
  expect(polluted).toBe(false)
  expect(history.size).toBe(expectedJobs.size)
}, 120_000)
