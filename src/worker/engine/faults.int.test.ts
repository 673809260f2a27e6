/**
 * Faults on purpose, in Node: relays killed and restarted, Ollama killed mid-generation, the
 * engine stopped in every state of a job, storage that refuses to write. Each test checks what
 * the customer sees on the relay and what the history says.
 */
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as nip19 from 'nostr-tools/nip19'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { echoReply, startFakeOllama, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { until } from '../../../fixtures/hostile-paid.ts'
import type { JobRecord } from '../../shared/job-state.ts'
import { toForm } from '../../shared/settings.ts'
import { openDatabase, type Database } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'
import { signedRequest } from '../../../fixtures/sample-request.ts'

const customerKey = generateSecretKey()
const customer = getPublicKey(customerKey)
const payerKey = generateSecretKey()
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const must = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  if (!(await until(check, ms))) throw new Error(`timed out waiting: ${what}`)
}

interface Rig {
  relays: TestRelay[]
  ollama: FakeOllama
  nwc?: FakeNwcWallet
  dbName: string
  engine: Engine
}

/** Relays, a fake Ollama, maybe a wallet, and an engine online with them. */
const rig = async (o: { relays?: number; paid?: boolean } = {}): Promise<Rig> => {
  const relays = await Promise.all(Array.from({ length: o.relays ?? 1 }, () => startRelay()))
  const ollama = await startFakeOllama({ tokenDelayMs: 1 })
  const nwc = o.paid ? await startNwcWallet({ relayUrl: relays[0]?.url ?? '' }) : undefined
  const r: Rig = { relays, ollama, nwc, dbName: `faults-${Math.random()}`, engine: null as never }
  cleanups.push(async () => {
    await r.engine?.close()
    await nwc?.stop()
    await Promise.all([...relays.map((x) => x.stop()), ollama.stop()])
  })
  r.engine = await start(r, { first: true })
  return r
}

/** Start (or restart) the engine on the rig's database and wait until it serves. */
const start = async (r: Rig, o: { first?: boolean; db?: Database } = {}): Promise<Engine> => {
  const engine = await createEngine({
    db: o.db ?? (await openDatabase(r.dbName)),
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const settings = (await engine.snapshot()).settings
  const paid = r.nwc !== undefined
  const saved = await engine.saveSettings({
    ...toForm(settings),
    relays: r.relays.map((x) => x.url).join('\n'),
    ollamaUrl: r.ollama.url,
    pricePerJobSats: paid ? '5' : '0',
    pricePer1kTokensSats: paid ? '2' : '0',
    concurrency: '4',
    streamPartials: 'false',
    allowlist: paid ? customer : '',
  })
  expect(saved.ok).toBe(true)
  if (o.first && r.nwc) expect(await engine.connectNwc(r.nwc.uri)).toMatchObject({ ok: true })
  await must('Ollama ready', async () => (await engine.snapshot()).ollama.state === 'ready')
  if (paid)
    await must('wallet ready', async () => (await engine.snapshot()).wallet.state === 'ready')
  // The first start goes online by hand; a restart goes online by itself, as after a reload.
  if (o.first) expect((await engine.goOnline()).ok).toBe(true)
  await must('online', async () => (await engine.snapshot()).state === 'online')
  await must('subscribed', () => r.relays.some((x) => requestSubs(x).length > 0))
  return engine
}

const requestSubs = (relay: TestRelay) =>
  relay.subscriptions().filter((s) => s.filters.some((f) => f.kinds?.includes(5050)))

const request = (prompt: string, key = customerKey): Event =>
  signedRequest(key, [['i', prompt, 'text']])

/** Every event the provider published about a request, over all relays, once each. */
const replies = (r: Rig, id: string, kind: number) => {
  const byId = new Map<string, Event>()
  for (const relay of r.relays)
    for (const e of relay.events())
      if (e.kind === kind && e.tags.some((t) => t[0] === 'e' && t[1] === id)) byId.set(e.id, e)
  return [...byId.values()]
}
const statuses = (r: Rig, id: string) =>
  replies(r, id, 7000).map((e) => e.tags.find((t) => t[0] === 'status')?.[1])
const errorText = (r: Rig, id: string) =>
  replies(r, id, 7000)
    .map((e) => e.tags.find((t) => t[0] === 'status'))
    .find((t) => t?.[1] === 'error')?.[2]
const job = async (r: Rig, id: string) =>
  (await newestJobs(r.engine, 1000)).find((j) => j.id === id)
const bolt11 = (r: Rig, id: string) =>
  replies(r, id, 7000)
    .flatMap((e) => e.tags)
    .find((t) => t[0] === 'amount')?.[2]

/** A job as a tab journaled it before something went wrong, written straight to the database. */
const seedJob = (
  db: Database,
  event: Event,
  state: JobRecord['state'],
  extra: Partial<JobRecord> = {},
) => {
  const now = Date.now()
  const prompt = event.tags[0]?.[1] ?? ''
  return db.put('jobs', {
    id: event.id,
    customer: event.pubkey,
    requestedAt: event.created_at,
    receivedAt: now,
    state,
    timeline: [{ state, at: now }],
    request: event,
    prompt,
    priceMsats: event.pubkey === customer ? 0 : 15_000,
    replyRelays: [],
    params: {},
    inputs: [{ type: 'text', text: prompt }],
    ...extra,
  })
}

/** A result signed by the provider and journaled, as if its publishing had not happened yet. */
const journaledResult = async (engine: Engine, request: Event, content: string) => {
  const key = nip19.decode(await engine.exportNsec()).data as Uint8Array
  const now = Math.floor(Date.now() / 1000)
  const tags = [
    ['e', request.id],
    ['p', request.pubkey],
  ]
  const result = finalizeEvent({ kind: 6050, created_at: now, content, tags }, key)
  return { result, extra: { resultEvent: result, result: content } }
}

describe('relays failing', () => {
  it('a relay killed and restarted mid-job: the subscription comes back, delivered once', async () => {
    const r = await rig()
    const [relay] = r.relays as [TestRelay]
    r.ollama.setTokenDelayMs(120)
    const req = request('one two three four five six seven eight nine ten eleven twelve')
    relay.injectEvent(req)
    await must('processing', () => statuses(r, req.id).includes('processing'))
    await relay.stop()
    await must(
      'disconnected',
      async () => (await r.engine.snapshot()).relays[0]?.state !== 'connected',
    )
    await sleep(500)
    await relay.restart()
    await must('subscribed again', () => requestSubs(relay).length > 0, 15_000)
    await must('success', () => statuses(r, req.id).includes('success'), 15_000)
    await r.engine.whenIdle()
    expect(replies(r, req.id, 6050)).toHaveLength(1)
    expect(replies(r, req.id, 6050)[0]?.content).toBe(echoReply(req.tags[0]?.[1] ?? ''))
    expect((await job(r, req.id))?.state).toBe('completed')
    // The relay replayed the request on resubscribe; it was not run again.
    expect(r.ollama.generations()).toHaveLength(1)
    const next = request('and after the restart?')
    relay.injectEvent(next)
    await must('next served', () => statuses(r, next.id).includes('success'))
  }, 30_000)

  it('all relays down: the snapshot says why, nothing is lost, delivery resumes when one returns', async () => {
    const r = await rig({ relays: 2 })
    const [a, b] = r.relays as [TestRelay, TestRelay]
    r.ollama.setTokenDelayMs(100)
    const req = request('finish while every relay is down, please, one two three four five')
    a.injectEvent(req)
    await must('processing', () => statuses(r, req.id).includes('processing'))
    await Promise.all([a.stop(), b.stop()])
    await must('all disconnected', async () =>
      (await r.engine.snapshot()).relays.every((s) => s.state === 'disconnected' && s.reason),
    )
    const down = (await r.engine.snapshot()).relays
    expect(down.map((s) => s.reason)).toEqual([expect.any(String), expect.any(String)])
    // The answer is generated and journaled while nobody can hear it.
    await must('result journaled', async () => (await job(r, req.id))?.resultEvent !== undefined)
    expect((await job(r, req.id))?.state).toBe('running')
    // One whose delivery attempts had already run out before this outage: it waits for a relay.
    const waiting = request('delivered when a relay comes back')
    const { result, extra } = await journaledResult(r.engine, waiting, 'sent on reconnect')
    await seedJob(await openDatabase(r.dbName), waiting, 'running', extra)
    await a.restart()
    await must('delivered', async () => (await job(r, req.id))?.state === 'completed', 20_000)
    await must('resent', async () => (await job(r, waiting.id))?.state === 'completed', 10_000)
    await r.engine.whenIdle()
    expect(replies(r, req.id, 6050)).toHaveLength(1)
    expect(statuses(r, req.id).filter((s) => s === 'success')).toHaveLength(1)
    expect(replies(r, waiting.id, 6050).map((e) => e.id)).toEqual([result.id])
  }, 40_000)
})

describe('Ollama killed mid-generation', () => {
  it('a free job fails with an error feedback, and the next one runs when Ollama is back', async () => {
    const r = await rig()
    const [relay] = r.relays as [TestRelay]
    r.ollama.setTokenDelayMs(100)
    const req = request('a long answer that will not finish one two three four five six')
    relay.injectEvent(req)
    await must('tokens flowing', () => r.ollama.requests().some((q) => q.tokensSent > 1))
    await r.ollama.stop()
    await must('error', () => statuses(r, req.id).includes('error'))
    expect(errorText(r, req.id)).toMatch(/^Failed: /)
    const failed = await job(r, req.id)
    expect(failed?.state).toBe('failed')
    expect(failed?.owedMsats).toBeUndefined()
    expect(replies(r, req.id, 6050)).toHaveLength(0)
    await r.ollama.restart()
    r.ollama.setTokenDelayMs(1)
    const next = request('back?')
    relay.injectEvent(next)
    await must('next served', () => statuses(r, next.id).includes('success'), 15_000)
  }, 30_000)

  it('a paid job that fails is marked as owed to the customer, in the history and the reply', async () => {
    const r = await rig({ paid: true })
    const [relay] = r.relays as [TestRelay]
    r.ollama.setTokenDelayMs(100)
    const req = request('paid and then Ollama dies one two three four five six seven', payerKey)
    relay.injectEvent(req)
    await must('invoice', () => bolt11(r, req.id) !== undefined)
    await r.nwc?.pay(bolt11(r, req.id) ?? '')
    await must('tokens flowing', () => r.ollama.requests().some((q) => q.tokensSent > 1))
    await r.ollama.stop()
    await must('error', () => statuses(r, req.id).includes('error'))
    const failed = (await job(r, req.id)) as JobRecord
    expect(failed.state).toBe('failed')
    expect(failed.paidMsats).toBe(15_000)
    expect(failed.owedMsats).toBe(15_000)
    expect(failed.error).toContain('owed to the customer')
    expect(failed.timeline.at(-1)?.note).toContain('Paid 15 sats and got no result')
    expect(errorText(r, req.id)).toContain('Paid 15 sats and got no result: owed to the customer')
    expect(replies(r, req.id, 6050)).toHaveLength(0)
    expect(r.nwc?.invoices()).toHaveLength(1)
    await r.ollama.restart()
  }, 30_000)
})

describe('the engine stopped in every state of a job', () => {
  it('resumes each from the journal: nothing runs, is invoiced or is delivered twice', async () => {
    const r = await rig({ paid: true })
    const [relay] = r.relays as [TestRelay]

    // awaiting payment, invoice sent
    const unpaid = request('awaiting payment, invoiced', payerKey)
    relay.injectEvent(unpaid)
    await must('invoice', () => bolt11(r, unpaid.id) !== undefined)
    // running, mid-generation
    r.ollama.setTokenDelayMs(150)
    const running = request('running when the tab closed one two three four five six seven')
    relay.injectEvent(running)
    await must('generating', () => r.ollama.requests().some((q) => q.tokensSent > 0))
    await r.engine.close()
    r.ollama.setTokenDelayMs(1)

    // Journaled by a tab that died at the worst moments.
    const db = await openDatabase(r.dbName)
    const seed = (event: Event, state: JobRecord['state'], extra: Partial<JobRecord> = {}) => {
      relay.injectEvent(event)
      return seedJob(db, event, state, extra)
    }
    // awaiting payment, before its invoice was made
    const uninvoiced = request('awaiting payment, no invoice yet', payerKey)
    await seed(uninvoiced, 'awaiting-payment')
    // queued, never started
    const queued = request('queued when the tab closed')
    await seed(queued, 'queued')
    // delivering: the signed result is journaled, no relay has it yet
    const delivering = request('delivering when the tab closed')
    const { result, extra } = await journaledResult(r.engine, delivering, 'the journaled answer')
    await seed(delivering, 'running', extra)

    r.engine = await start(r, { db })
    await must('second invoice', () => bolt11(r, uninvoiced.id) !== undefined, 40_000)
    await r.nwc?.pay(bolt11(r, unpaid.id) ?? '')
    await r.nwc?.pay(bolt11(r, uninvoiced.id) ?? '')
    const all = [unpaid, uninvoiced, queued, running, delivering]
    await must(
      'all completed',
      async () => {
        const jobs = await newestJobs(r.engine, 100)
        return all.every((e) => jobs.find((j) => j.id === e.id)?.state === 'completed')
      },
      20_000,
    )
    await r.engine.whenIdle()
    for (const e of all) {
      expect(replies(r, e.id, 6050), e.tags[0]?.[1]).toHaveLength(1)
      expect(statuses(r, e.id).filter((s) => s === 'payment-required').length).toBeLessThanOrEqual(
        1,
      )
      expect(statuses(r, e.id).filter((s) => s === 'success')).toHaveLength(1)
    }
    // The very bytes journaled before the stop went out.
    expect(replies(r, delivering.id, 6050)[0]?.id).toBe(result.id)
    expect(r.nwc?.invoices()).toHaveLength(2)
    const generated = r.ollama.generations().length
    // unpaid, uninvoiced, queued once each; running twice (cut by the stop, then whole).
    expect(generated).toBe(5)
  }, 60_000)
})

describe('storage that refuses to write', () => {
  it('over quota: the customer is told, the log says why, nothing pretends to have run', async () => {
    const r = await rig()
    const [relay] = r.relays as [TestRelay]
    await r.engine.close()
    let full = false
    const real = await openDatabase(r.dbName)
    // The database as a full disk leaves it: every write of a job fails.
    const db = new Proxy(real, {
      get(target, name, receiver) {
        if (name === 'put' || name === 'add')
          return (store: string, ...rest: unknown[]) =>
            full && store === 'jobs'
              ? Promise.reject(new DOMException('quota exceeded', 'QuotaExceededError'))
              : (target[name] as (...a: unknown[]) => Promise<unknown>)(store, ...rest)
        // A write transaction on jobs fails the same way, each request and its commit.
        if (name === 'transaction')
          return (store: string, mode?: string, ...rest: unknown[]) => {
            if (!(full && store === 'jobs' && mode === 'readwrite'))
              return (target.transaction as (...a: unknown[]) => unknown)(store, mode, ...rest)
            const quota = () =>
              Promise.reject(new DOMException('quota exceeded', 'QuotaExceededError'))
            return {
              store: { add: quota, put: quota },
              get done() {
                return quota()
              },
            }
          }
        const value = Reflect.get(target, name, receiver) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    r.engine = await start(r, { db })
    full = true
    const refused = request('nowhere to write this')
    relay.injectEvent(refused)
    await must('error', () => statuses(r, refused.id).includes('error'))
    expect(errorText(r, refused.id)).toContain('storage is full, so it could not record the job')
    expect(await job(r, refused.id)).toBeUndefined()
    const log = await r.engine.recentLog()
    expect(log.some((l) => l.level === 'error' && l.message.includes('storage is full'))).toBe(true)

    // Full while a job runs: its result cannot be journaled, so it is not published either.
    full = false
    r.ollama.setTokenDelayMs(100)
    const cut = request('storage fills up while this runs one two three four five')
    relay.injectEvent(cut)
    await must('generating', () => r.ollama.requests().some((q) => q.tokensSent > 0))
    full = true
    await must('logged', async () =>
      (await r.engine.recentLog()).some((l) => l.message.includes(`job ${cut.id.slice(0, 8)}`)),
    )
    await r.engine.whenIdle()
    expect(replies(r, cut.id, 6050)).toHaveLength(0)
    expect((await job(r, cut.id))?.state).toBe('running')
    // Space again, and a restart: the journal resumes it and it is delivered once.
    full = false
    r.ollama.setTokenDelayMs(1)
    await r.engine.close()
    r.engine = await start(r, { db })
    await must('delivered', () => statuses(r, cut.id).includes('success'), 15_000)
    expect(replies(r, cut.id, 6050)).toHaveLength(1)
  }, 40_000)
})
