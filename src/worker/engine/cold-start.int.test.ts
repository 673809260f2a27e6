/**
 * Cold starts: a model that takes 3 s to load. Going online loads it, so the first customer's
 * request-to-result time carries no load; the time is printed for the issue note.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_MODELS, echoReply } from '../../../fixtures/fake-ollama.ts'
import { startRig, until, type Rig } from '../../../fixtures/engine-rig.ts'

const LOAD_MS = 3000
let rig: Rig | undefined

afterEach(async () => {
  await rig?.stop()
  rig = undefined
})

describe('cold start', () => {
  it('the first job after Go Online does not wait for the model to load', async () => {
    rig = await startRig({ models: DEFAULT_MODELS.map((m) => ({ ...m, loadMs: LOAD_MS })) })
    const { engine, relay, ollama } = rig
    expect((await engine.goOnline()).ok).toBe(true)
    await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
    const req = rig.request('What is Nostr?')
    const sent = performance.now()
    relay.injectEvent(req)
    const result = await relay.waitForEvent({ kinds: [6050], '#e': [req.id] }, 15_000)
    const latencyMs = Math.round(performance.now() - sent)
    console.log(`first job request-to-result after Go Online (model loads in 3 s): ${latencyMs} ms`)
    expect(result.content).toBe(echoReply('What is Nostr?'))
    const jobGeneration = ollama.generations()
    expect(jobGeneration.map((r) => r.loadMs)).toEqual([0])
    expect(latencyMs).toBeLessThan(LOAD_MS)
  }, 30_000)
})
