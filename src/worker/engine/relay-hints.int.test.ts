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

/** A strict relay (no AUTH) and the fake Ollama, and an engine online on them. */
const onlineOnStrictRelay = async () => {
  const relay = await startStrictRelay({ auth: 'off' })
  cleanups.push(() => relay.stop())
  const ollama = await startFakeOllama({ tokenDelayMs: 0 })
  cleanups.push(() => ollama.stop())
  const rig = createRig({ relayUrl: relay.url, ollamaUrl: ollama.url, cleanups })
  return { relay, engine: await rig.startOnline() }
}

it('200 relay hints to a loopback port: no connection there by default', async () => {
  const trap = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  let attempts = 0
  trap.on('connection', () => attempts++)
  await new Promise((r) => trap.once('listening', r))
  cleanups.push(() => {
    for (const s of trap.clients) s.terminate()
    trap.close()
  })
  const hint = `ws://127.0.0.1:${(trap.address() as AddressInfo).port}`
  const { relay, engine } = await onlineOnStrictRelay()
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
  await engine.whenIdle()
  console.info(`connection attempts to the loopback hint: ${attempts}`)
  expect(attempts).toBe(0)
}, 30_000)

it('a relays tag naming 192.168.x.y and 10.x is not followed there by default, and the job is served', async () => {
  const { relay, engine } = await onlineOnStrictRelay()
  const lan = ['ws://192.168.1.20:7777', 'wss://10.0.0.5']
  const req = request([
    ['i', 'hello', 'text'],
    ['relays', ...lan],
  ])
  relay.injectEvent(req)
  await relay.waitForEvent({ kinds: [6050], '#e': [req.id] }, 15_000)
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  const log = (await engine.recentLog()).map((l) => l.message)
  for (const url of lan)
    expect(log.some((m) => m.startsWith(`customer relay ${url} not followed:`))).toBe(true)
})
