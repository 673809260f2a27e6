/**
 * The payment watcher with everything real but time: the job store (IndexedDB in Node), the
 * NWC client, and a fake wallet service on a local relay that counts calls per method. The
 * watcher's clock and timers are a hand-stepped clock, so ten minutes pass in no time.
 */
import 'fake-indexeddb/auto'
import WebSocket from 'ws'
import type { JobRecord } from '../../shared/job-state.ts'
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import {
  startNwcWallet,
  type FakeNwcWallet,
  type NwcWalletOptions,
} from '../../../fixtures/nwc-wallet.ts'
import { openDatabase } from '../store/db.ts'
import { createJobStore } from '../store/job-store.ts'
import { createFakeSparkSdk, type FakeSparkSdk } from '../wallet/fake-spark-sdk.ts'
import { connectNwc } from '../wallet/nwc.ts'
import { createSparkWallet } from '../wallet/spark.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { createFinish } from './finish.ts'
import { createJournal } from './journal.ts'
import { createReplies } from './replies.ts'
import { createHub } from './hub.ts'
import { invoiceJob } from './invoice-job.ts'
import { createPaymentWatcher, type PaymentContext, type Schedule } from './payment.ts'
import { toProviderKey } from './provider-key.ts'
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** A clock that moves only when told, running what falls due in order and awaiting each. */
const createManualClock = (start = Date.now()) => {
  let now = start
  let timers: { at: number; fn: () => Promise<void> }[] = []
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn }
    timers.push(timer)
    return () => void (timers = timers.filter((t) => t !== timer))
  }
  const advance = async (ms: number) => {
    const end = now + ms
    for (;;) {
      timers.sort((a, b) => a.at - b.at)
      const next = timers[0]
      if (next === undefined || next.at > end) break
      timers.shift()
      now = Math.max(now, next.at)
      await next.fn()
    }
    now = end
  }
  return { now: () => now, schedule, advance }
}

const PRICE_MSATS = 21_000

const startPaymentRig = async (
  wallet: Omit<NwcWalletOptions, 'relayUrl'> = {},
  o: { wallet?: (clock: () => number) => Promise<Wallet>; timeoutMs?: number } = {},
) => {
  const relay: TestRelay = await startRelay()
  const clock = createManualClock()
  const fake: FakeNwcWallet = await startNwcWallet({
    relayUrl: relay.url,
    now: clock.now,
    ...wallet,
  })
  const ws = WebSocket as unknown as typeof globalThis.WebSocket
  const theWallet = o.wallet
    ? await o.wallet(clock.now)
    : await connectNwc(fake.uri, {
        WebSocket: ws,
        now: clock.now,
        // Roomy: the machine running the tests may be busy; a timeout is not what is tested.
        timeoutMs: o.timeoutMs ?? 5_000,
        connectTimeoutMs: 10_000,
      })
  const store = createJobStore(await openDatabase(`payments-${Math.random()}`))
  const key = toProviderKey(generateSecretKey())
  const hub = createHub(
    {
      settings: DEFAULT_SETTINGS,
      provider: { pubkey: key.pubkey, npub: key.npub },
      state: 'online',
      ollama: { state: 'ready', url: '', models: [] },
      wallet: { state: 'ready' },
      relays: [],
      counts: { ...NO_COUNTS },
    },
    clock.now,
  )
  const logs: string[] = []
  hub.subscribe((e) => e.type === 'log' && logs.push(e.entry.message))
  const paid: string[] = []
  let settled = 0
  const journal = createJournal({ store, now: clock.now, onWrite: (_, after) => hub.job(after) })
  const replies = createReplies({
    secretKey: () => key.secretKey,
    pool: () => null,
    track: (work) => work,
    ourRelays: () => DEFAULT_SETTINGS.relays,
    now: clock.now,
    log: hub.log,
  })
  const finish = createFinish({ journal, feedback: replies.feedback, log: hub.log, now: clock.now })
  const ctx: PaymentContext & { invoiceExpirySeconds: () => number } = {
    get: store.get,
    journal,
    feedback: replies.feedback,
    finish,
    log: hub.log,
    invoiceExpirySeconds: () => DEFAULT_SETTINGS.invoiceExpirySeconds,
    now: clock.now,
    wallet: () => theWallet,
    onPaid: (job) => void paid.push(job.id),
    onSettled: () => void (settled += 1),
    schedule: clock.schedule,
  }
  const watcher = createPaymentWatcher(ctx)
  const stopHints = theWallet.onPayment((p) => watcher.heard(p))
  let n = 0

  /** A paid request, invoiced by the wallet and watched, as the intake would leave it. */
  const sell = async (customer = `${++n}`.padStart(64, 'c')): Promise<JobRecord> => {
    const job: JobRecord = {
      id: `${++n}`.padStart(64, '0'),
      customer,
      requestedAt: Math.floor(clock.now() / 1000),
      receivedAt: clock.now(),
      state: 'awaiting-payment',
      timeline: [{ state: 'awaiting-payment', at: clock.now() }],
      request: finalizeEvent(
        { kind: 5050, created_at: 0, tags: [['i', 'question', 'text']], content: '' },
        generateSecretKey(),
      ) as NostrEvent,
      prompt: 'question',
      priceMsats: PRICE_MSATS,
      replyRelays: [],
      params: {},
    }
    const invoiced = await invoiceJob(ctx, await journal.create(job))
    watcher.watch(invoiced)
    return invoiced
  }

  return {
    relay,
    fake,
    clock,
    watcher,
    wallet: theWallet,
    store,
    logs,
    paid,
    settled: () => settled,
    sell,
    state: async (id: string) => (await store.get(id))?.state,
    lookups: () => fake.calls().lookup_invoice ?? 0,
    async stop() {
      watcher.stop()
      stopHints()
      theWallet.close()
      await fake.stop()
      await relay.stop()
    },
  }
}

let rig: Awaited<ReturnType<typeof startPaymentRig>> | undefined
const start = async (...a: Parameters<typeof startPaymentRig>) =>
  (rig = await startPaymentRig(...a))
afterEach(async () => {
  await rig?.stop()
  rig = undefined
})
const MINUTE = 60_000
const NO_NOTIFICATIONS = { methods: ['make_invoice', 'lookup_invoice', 'get_balance'] }

describe('polite polling', () => {
  it.each([
    [2, 'a wallet that announces payments', {}],
    [3, 'a wallet that does not', NO_NOTIFICATIONS],
  ])(
    'looks up one unpaid invoice at most %i times in its first minute on %s',
    async (most, _w, options) => {
      const r = await start(options)
      const job = await r.sell()
      await r.clock.advance(MINUTE)
      expect(r.lookups(), r.logs.join('\n')).toBeGreaterThan(0)
      expect(r.lookups()).toBeLessThanOrEqual(most)
      // Steady state: the gap has grown to its ceiling (30 s, or 60 s with notifications).
      const before = r.lookups()
      await r.clock.advance(2 * MINUTE)
      expect(r.lookups() - before).toBeLessThanOrEqual(4)
      expect(await r.state(job.id)).toBe('awaiting-payment')
    },
  )

  it('asks at most 12 times a minute across 20 unpaid invoices', async () => {
    const r = await start(NO_NOTIFICATIONS)
    for (let i = 0; i < 20; i++) await r.sell()
    for (let minute = 0; minute < 3; minute++) {
      const before = r.lookups()
      await r.clock.advance(MINUTE)
      expect(r.lookups() - before).toBeLessThanOrEqual(12)
    }
    expect(r.lookups()).toBeGreaterThan(20)
  })

  it('asks about many invoices in one list_transactions when the wallet can', async () => {
    const r = await start({ methods: ['make_invoice', 'lookup_invoice', 'list_transactions'] })
    const jobs = [await r.sell(), await r.sell(), await r.sell()]
    await r.clock.advance(MINUTE)
    const calls = r.fake.calls()
    expect(calls.lookup_invoice ?? 0).toBe(0)
    expect(calls.list_transactions).toBeLessThanOrEqual(3)
    await r.fake.pay(jobs[1]?.invoice?.bolt11 ?? '')
    await r.clock.advance(MINUTE)
    expect(r.paid).toEqual([jobs[1]?.id])
  })

  it('pauses every call when the wallet says RATE_LIMITED, keeps every job, and goes on after', async () => {
    const r = await start({ ...NO_NOTIFICATIONS, rateLimits: { lookup_invoice: 2 } })
    const jobs = [await r.sell(), await r.sell(), await r.sell()]
    await r.clock.advance(6_000)
    expect(r.fake.requests().filter((q) => q.throttled)).toHaveLength(1)
    expect(r.wallet.throttle?.()?.reason).toMatch(/RATE_LIMITED/)
    const asked = r.fake.requests().length
    await r.clock.advance(50_000)
    expect(r.fake.requests()).toHaveLength(asked)
    for (const job of jobs) expect(await r.state(job.id)).toBe('awaiting-payment')
    // After the minute's pause, lookups go on: the payment made meanwhile is found.
    await r.fake.pay(jobs[0]?.invoice?.bolt11 ?? '')
    await r.clock.advance(15_000)
    expect(r.paid).toEqual([jobs[0]?.id])
    for (const job of jobs.slice(1)) expect(await r.state(job.id)).toBe('awaiting-payment')
  })
})

describe('notifications first', () => {
  it('settles on the wallet’s notification with one lookup, and refreshes the balance', async () => {
    const r = await start()
    const job = await r.sell()
    await r.fake.pay(job.invoice?.bolt11 ?? '')
    await vi.waitFor(() => expect(r.paid).toEqual([job.id]))
    expect(r.lookups()).toBe(1)
    expect(r.settled()).toBe(1)
    expect((await r.store.get(job.id))?.paidMsats).toBe(PRICE_MSATS)
  })

  it('takes the wallet’s signed word when its lookups never flip (Primal), and records why', async () => {
    const r = await start({ variants: ['never-settles'] })
    const job = await r.sell()
    await r.fake.pay(job.invoice?.bolt11 ?? '')
    await vi.waitFor(() => expect(r.lookups()).toBe(1))
    expect(r.paid).toEqual([])
    // Step time until the watcher, done with its first answer, asks again and decides.
    await vi.waitFor(async () => {
      await r.clock.advance(1_000)
      expect(r.paid).toEqual([job.id])
    })
    expect(r.lookups()).toBe(2)
    const record = await r.store.get(job.id)
    expect(record?.timeline.at(-1)?.note).toMatch(
      /wallet's own signed payment_received notification .* kept saying pending/,
    )
  })

  it('believes no customer: a zap receipt or a notification from another key settles nothing', async () => {
    const r = await start({ variants: ['never-settles'] })
    const job = await r.sell()
    const stranger = generateSecretKey()
    const event = (kind: number, tags: string[][]) =>
      finalizeEvent(
        { kind, created_at: Math.floor(Date.now() / 1000), tags, content: '' },
        stranger,
      )
    r.relay.injectEvent(
      event(9735, [
        ['bolt11', job.invoice?.bolt11 ?? ''],
        ['p', r.fake.clientPubkey],
      ]),
    )
    r.relay.injectEvent(event(23197, [['p', r.fake.clientPubkey]]))
    await r.clock.advance(10 * MINUTE + 10_000)
    expect(r.paid).toEqual([])
    expect(await r.state(job.id)).toBe('expired')
  })
})

describe('time never expires a paid job on its own', () => {
  it('keeps a job past its expiry while the wallet cannot say, and runs it once it says paid', async () => {
    const r = await start(NO_NOTIFICATIONS, { timeoutMs: 200 })
    const job = await r.sell()
    r.fake.setUnreachable(true)
    await r.fake.pay(job.invoice?.bolt11 ?? '')
    await r.clock.advance(20 * MINUTE)
    expect(await r.state(job.id)).toBe('awaiting-payment')
    r.fake.setUnreachable(false)
    await r.clock.advance(MINUTE)
    expect(r.paid).toEqual([job.id])
    expect(await r.state(job.id)).toBe('queued')
  }, 60_000)

  it('expires only when the wallet, asked after the expiry, says not settled', async () => {
    const r = await start(NO_NOTIFICATIONS)
    const job = await r.sell()
    const expiresAt = job.invoice?.expiresAt ?? 0
    await r.clock.advance(expiresAt - r.clock.now() - 1)
    expect(await r.state(job.id)).toBe('awaiting-payment')
    await r.clock.advance(5_000)
    expect(await r.state(job.id)).toBe('expired')
    const last = r.fake.requests().at(-1)
    expect(last?.method).toBe('lookup_invoice')
  })

  it('marks a payment the wallet announces after the job expired as paid and owed', async () => {
    const r = await start()
    const job = await r.sell()
    await r.clock.advance(11 * MINUTE)
    expect(await r.state(job.id)).toBe('expired')
    await r.fake.pay(job.invoice?.bolt11 ?? '')
    await vi.waitFor(async () => expect((await r.store.get(job.id))?.owedMsats).toBe(PRICE_MSATS))
    const record = await r.store.get(job.id)
    expect(record).toMatchObject({ state: 'expired', paidMsats: PRICE_MSATS })
    expect(record?.error).toMatch(/owed to the customer/)
    expect(r.paid).toEqual([])
  })
})

describe('a Spark wallet', () => {
  const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
  const startSpark = async () => {
    let sdk: FakeSparkSdk | undefined
    const r = await start(
      {},
      {
        wallet: async (now) => {
          sdk = createFakeSparkSdk(now)
          return createSparkWallet({ sdk, mnemonic: MNEMONIC, network: 'regtest', now })
        },
      },
    )
    if (!sdk) throw new Error('no SDK')
    const spark = sdk
    const lookups = () =>
      spark.calls.filter((c) => c.method === 'getLightningReceiveRequest').length
    return { r, spark, lookups }
  }

  it('settles on its transfer:claimed event, with the one lookup that event needs', async () => {
    const { r, spark, lookups } = await startSpark()
    const job = await r.sell()
    const id = [...spark.wallet.receives.keys()][0] ?? ''
    spark.wallet.setReceiveStatus(id, 'TRANSFER_COMPLETED')
    spark.wallet.claim('transfer-1')
    await vi.waitFor(() => expect(r.paid).toEqual([job.id]))
    expect(lookups()).toBe(1)
    expect(r.settled()).toBe(1)
  })

  it('keeps to the same polite polling while unpaid', async () => {
    const { r, lookups } = await startSpark()
    const job = await r.sell()
    await r.clock.advance(MINUTE)
    expect(lookups()).toBeGreaterThan(0)
    expect(lookups()).toBeLessThanOrEqual(2)
    await r.clock.advance(10 * MINUTE)
    expect(await r.state(job.id)).toBe('expired')
    expect(lookups()).toBeLessThanOrEqual(14)
  })
})
