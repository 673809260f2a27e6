/**
 * Customer-supplied relay hints are no way into the provider's network (issue 12): 200 hints to
 * a loopback port, in inputs and in the relays tag, make no connection there by default.
 */
import 'fake-indexeddb/auto'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import { createRig } from '../../../fixtures/engine-rig.ts'
import { startFakeOllama } from '../../../fixtures/fake-ollama.ts'
import { startStrictRelay } from '../../../fixtures/strict-relay.ts'
import { until } from '../../../fixtures/until.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const request = (tags: string[][]): Event =>
  finalizeEvent(
    { kind: 5050, created_at: Math.floor(Date.now() / 1000), content: '', tags },
    generateSecretKey(),
  )

it('200 relay hints to a loopback port: no connection there by default', async () => {
  const relay = await startStrictRelay({ auth: 'off' })
  cleanups.push(() => relay.stop())
  const trap = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  let attempts = 0
  trap.on('connection', () => attempts++)
  await new Promise((r) => trap.once('listening', r))
  cleanups.push(() => {
    for (const s of trap.clients) s.terminate()
    trap.close()
  })
  const hint = `ws://127.0.0.1:${(trap.address() as AddressInfo).port}`
  const ollama = await startFakeOllama({ tokenDelayMs: 0 })
  cleanups.push(() => ollama.stop())
  const engine = await createRig({
    relayUrl: relay.url,
    ollamaUrl: ollama.url,
    cleanups,
  }).startOnline()
  const note = finalizeEvent(
    { kind: 1, created_at: 1, content: 'the input', tags: [] },
    generateSecretKey(),
  )
  relay.injectEvent(note)
  const req = request([
    ...Array.from({ length: 200 }, () => ['i', note.id, 'event', hint]),
    ['relays', hint],
  ])
  relay.injectEvent(req)
  await until(async () => {
    const job = await engine.getJob(req.id)
    return job?.state === 'completed' || job?.state === 'failed'
  })
  await new Promise((r) => setTimeout(r, 1000))
  console.info(`connection attempts to the loopback hint: ${attempts}`)
  expect(attempts).toBe(0)
}, 30_000)
