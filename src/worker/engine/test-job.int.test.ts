/**
 * "Send test job" against a priced provider: the throwaway customer cannot pay, so the round
 * trip ends at the invoice, and the test cancels its request the way a customer would.
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

it('reports the price a priced provider asked, then cancels the unpaid test job', async () => {
  expect(await engine.goOnline()).toEqual({ ok: true, value: 'online' })
  await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
  const report = await engine.sendTestJob()
  if (!report.ok) throw new Error(report.error)
  expect(report.value).toMatchObject({ outcome: 'payment-required', detail: '5 sats' })
  const deletion = await relay.waitForEvent({ kinds: [5], '#e': [report.value.requestId] })
  await until(async () => (await newestJobs(engine, 1))[0]?.state === 'cancelled')
  // Cancelled by its own (throwaway) author, not by the provider.
  const [job] = await newestJobs(engine, 1)
  expect(job?.customer).toBe(deletion.pubkey)
  expect(deletion.pubkey).not.toBe((await engine.snapshot()).provider.pubkey)
  expect(relay.events().some((e) => e.kind === 6050)).toBe(false)
})
