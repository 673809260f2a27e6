/**
 * Models and the live cockpit in Node: pull with progress, cancel, delete and the models
 * offered for sale against the fake Ollama; job progress events and the test job round trip
 * through a real local relay.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { startFakeOllama, echoReply, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { toForm } from '../../shared/settings.ts'
import type { EngineEvent, ProgressEvent, PullEvent } from '../../shared/worker-api.ts'
import { openDatabase } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { TEST_PROMPT } from './test-job.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'
import { until } from '../../../fixtures/until.ts'

let relay: TestRelay
let ollama: FakeOllama
let engine: Engine
let events: EngineEvent[]
/** When each event arrived, in ms, by index into `events`. */
let arrivals: number[]

const pulls = (name: string) =>
  events.filter((e): e is PullEvent => e.type === 'pull' && e.name === name)
const installed = async () => (await engine.snapshot()).ollama.models.map((m) => m.name)

beforeEach(async () => {
  relay = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 1, pullStepDelayMs: 5 })
  engine = await createEngine({
    db: await openDatabase(`models-${Math.random()}`),
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  events = []
  arrivals = []
  engine.subscribe((batch) => {
    for (const e of batch) {
      events.push(e)
      arrivals.push(performance.now())
    }
  })
  const settings = (await engine.snapshot()).settings
  const saved = await engine.saveSettings({
    ...toForm(settings),
    relays: relay.url,
    ollamaUrl: ollama.url,
  })
  expect(saved.ok).toBe(true)
  await until(async () => (await engine.snapshot()).ollama.state === 'ready')
})

afterEach(async () => {
  await engine.close()
  await relay.stop()
  await ollama.stop()
})

// Events cross in batches a few milliseconds after the command that caused them answers.
const pulled = (name: string) => until(() => pulls(name).at(-1)?.done === true)

describe('models', () => {
  it('pulls a model with rising progress, then lists it with its details', async () => {
    ollama.setPullStepDelayMs(40)
    expect(await engine.pullModel('smollm2:135m')).toEqual({ ok: true, value: undefined })
    await pulled('smollm2:135m')
    const progress = pulls('smollm2:135m').filter((e) => e.total !== undefined)
    expect(progress.length).toBeGreaterThan(2)
    const completed = progress.map((e) => e.completed ?? 0)
    expect(completed).toEqual([...completed].sort((a, b) => a - b))
    expect(pulls('smollm2:135m').map((e) => e.status)).toContain('verifying sha256 digest')
    expect(pulls('smollm2:135m').at(-1)).toEqual({
      type: 'pull',
      name: 'smollm2:135m',
      status: 'success',
      done: true,
    })
    const model = (await engine.snapshot()).ollama.models.find((m) => m.name === 'smollm2:135m')
    expect(model).toMatchObject({ family: 'llama', parameterSize: '134.52M', quantization: 'Q8_0' })
  })

  it('cancels a pull: the request to Ollama is aborted and nothing is installed', async () => {
    ollama.setPullStepDelayMs(100)
    const pulling = engine.pullModel('tinyllama')
    await until(() => pulls('tinyllama').some((e) => (e.completed ?? 0) > 0))
    await engine.cancelPull('tinyllama')
    expect(await pulling).toEqual({ ok: false, error: 'Cancelled' })
    await pulled('tinyllama')
    expect(pulls('tinyllama').at(-1)).toMatchObject({ done: true, error: 'cancelled' })
    await until(() => ollama.requests().some((r) => r.path === '/api/pull' && r.aborted))
    expect(await installed()).not.toContain('tinyllama:latest')
  })

  it("says why a pull failed, in Ollama's words, and refuses a name that is not one", async () => {
    const failed = await engine.pullModel('no-such-model')
    expect(failed).toEqual({
      ok: false,
      error: 'Pull of no-such-model failed: pull model manifest: file does not exist',
    })
    await pulled('no-such-model')
    expect(pulls('no-such-model').at(-1)).toMatchObject({ done: true, status: 'failed' })
    const invalid = await engine.pullModel('rm -rf')
    expect(invalid.ok).toBe(false)
    expect(ollama.requests().filter((r) => r.path === '/api/pull')).toHaveLength(1)
  })

  it('deletes a model and the list follows; deleting a missing one says so', async () => {
    expect(await engine.deleteModel('qwen2.5:0.5b')).toEqual({ ok: true, value: undefined })
    expect(await installed()).toEqual(['llama3.2:1b'])
    expect(await engine.deleteModel('qwen2.5:0.5b')).toEqual({
      ok: false,
      error: 'qwen2.5:0.5b is not installed in Ollama',
    })
  })
})

const customerKey = generateSecretKey()
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

const goOnline = async () => {
  expect(await engine.goOnline()).toEqual({ ok: true, value: 'online' })
  await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
}

describe('models offered for sale', () => {
  it('serves an unoffered model like a missing one and announces only what is offered', async () => {
    const saved = await engine.setOfferedModels(['qwen2.5:0.5b'])
    expect(saved.ok && saved.value.offeredModels).toEqual(['qwen2.5:0.5b'])
    expect((await engine.snapshot()).settings.offeredModels).toEqual(['qwen2.5:0.5b'])
    await goOnline()
    const announcement = await relay.waitForEvent({ kinds: [31990] })
    const content = JSON.parse(announcement.content) as {
      nip90Params: { model: { values: string[] } }
    }
    expect(content.nip90Params.model.values).toEqual(['qwen2.5:0.5b'])

    const req = request('which model?', [['param', 'model', 'llama3.2:1b']])
    relay.injectEvent(req)
    const result = await relay.waitForEvent({ kinds: [6050], '#e': [req.id] })
    expect(result.tags.find((t) => t[0] === 'model')?.[1]).toBe('qwen2.5:0.5b')
  })

  it('offers every model again with an empty list, and refuses a bad name', async () => {
    await engine.setOfferedModels(['qwen2.5:0.5b'])
    expect((await engine.setOfferedModels([])).ok).toBe(true)
    expect((await engine.snapshot()).settings.offeredModels).toEqual([])
    expect((await engine.setOfferedModels(['two words'])).ok).toBe(false)
  })
})

describe('live job progress and the test job', () => {
  it('streams a running job as progress events: growing text and token counts', async () => {
    ollama.setTokenDelayMs(40)
    await goOnline()
    const prompt = 'one two three four five six seven eight nine ten eleven twelve'
    const req = request(prompt)
    relay.injectEvent(req)
    await relay.waitForEvent({ kinds: [6050], '#e': [req.id] })
    const progress = events.filter((e): e is ProgressEvent => e.type === 'progress')
    const times = events.flatMap((e, n) => (e.type === 'progress' ? [arrivals[n] ?? 0] : []))
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.every((p) => p.jobId === req.id)).toBe(true)
    const tokens = progress.map((p) => p.tokens)
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b))
    expect(tokens[0]).toBe(1)
    for (const p of progress) expect(echoReply(prompt).startsWith(p.text)).toBe(true)
    // At most about four a second, though every token was streamed.
    expect(progress.length).toBeLessThan(progress.at(-1)?.tokens ?? 0)
    for (let n = 1; n < times.length; n++) {
      expect((times[n] ?? 0) - (times[n - 1] ?? 0)).toBeGreaterThanOrEqual(240)
    }
  })

  it('sends a test job through the relay from a throwaway key and times the answer', async () => {
    const offline = await engine.sendTestJob()
    expect(offline.ok).toBe(false)
    if (!offline.ok) expect(offline.error).toMatch(/^Go Online first/)

    await goOnline()
    const report = await engine.sendTestJob()
    if (!report.ok) throw new Error(report.error)
    expect(report.value.outcome).toBe('result')
    expect(report.value.detail).toBe(echoReply(TEST_PROMPT))
    expect(report.value.latencyMs).toBeGreaterThan(0)
    expect(report.value.latencyMs).toBeLessThan(5000)

    const sent = relay.events().find((e) => e.id === report.value.requestId)
    const provider = (await engine.snapshot()).provider.pubkey
    expect(sent?.kind).toBe(5050)
    expect(sent?.pubkey).not.toBe(provider)
    expect(sent?.tags).toContainEqual(['p', provider])
    // The result reached the relay before the provider journaled it delivered.
    await until(async () => (await newestJobs(engine, 1))[0]?.state === 'completed')
    expect((await newestJobs(engine, 5)).map((j) => j.id)).toEqual([report.value.requestId])
  })
})
