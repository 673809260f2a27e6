/**
 * "Send test job" against a priced provider: the test comes from a fresh throwaway key the
 * provider knows as its own, so it runs free and is marked a test; anyone else still pays.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { startFakeOllama, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { toForm } from '../../shared/settings.ts'
import { openDatabase } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'
import { until } from '../../../fixtures/until.ts'

let relay: TestRelay
let ollama: FakeOllama
let nwc: FakeNwcWallet
let engine: Engine

beforeEach(async () => {
  relay = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 1 })
  nwc = await startNwcWallet({ relayUrl: relay.url })
  engine = await createEngine({
    db: await openDatabase(`test-job-${Math.random()}`),
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const settings = (await engine.snapshot()).settings
  const form = {
    ...toForm(settings),
    relays: relay.url,
    ollamaUrl: ollama.url,
    pricePerJobSats: '5',
    pricePer1kTokensSats: '0',
  }
  expect((await engine.saveSettings(form)).ok).toBe(true)
  expect(await engine.connectNwc(nwc.uri)).toMatchObject({ ok: true })
  await until(async () => (await engine.snapshot()).ollama.state === 'ready')
  await until(async () => (await engine.snapshot()).wallet.state === 'ready')
})

afterEach(async () => {
  await engine.close()
  await nwc.stop()
  await relay.stop()
  await ollama.stop()
})

it('runs a test job free on a priced provider, from a fresh key each time, marked test', async () => {
  expect(await engine.goOnline()).toEqual({ ok: true, value: 'online' })
  await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
  const first = await engine.sendTestJob()
  if (!first.ok) throw new Error(first.error)
  expect(first.value.outcome).toBe('result')
  const second = await engine.sendTestJob()
  if (!second.ok) throw new Error(second.error)
  // The result reaches the customer before the relay's acknowledgement completes the job.
  await until(async () => (await newestJobs(engine, 2)).every((j) => j.state === 'completed'))
  const jobs = await newestJobs(engine, 2)
  expect(jobs.map((j) => [j.state, j.priceMsats, j.test, j.paidMsats])).toEqual([
    ['completed', 0, true, undefined],
    ['completed', 0, true, undefined],
  ])
  const [a, b] = jobs
  expect(a?.customer).not.toBe(b?.customer)
  expect(a?.customer).not.toBe((await engine.snapshot()).provider.pubkey)
  // No invoice was asked for and nothing was earned.
  expect(relay.events().some((e) => e.tags.some((t) => t[0] === 'amount'))).toBe(false)
  expect((await engine.snapshot()).counts).toMatchObject({ served: 2, satsEarned: 0 })
})
