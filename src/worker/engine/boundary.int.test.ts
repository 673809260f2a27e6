/**
 * What crosses the worker boundary for one free job: every event the engine pushes to the
 * UI, counted and weighed (as JSON, about what structured cloning copies), from the request
 * reaching the relay to the success feedback, after which the job emits nothing more.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import { startFakeOllama, type FakeOllama } from '../../../fixtures/fake-ollama.ts'
import { toForm } from '../../shared/settings.ts'
import type { EngineEvent } from '../../shared/worker-api.ts'
import { warmedUp } from '../../../fixtures/engine-rig.ts'
import { openDatabase } from '../store/db.ts'
import { createEngine, type Engine } from './engine.ts'
import { until } from '../../../fixtures/until.ts'

let relay: TestRelay
let ollama: FakeOllama
let engine: Engine
let messages = 0
const events: EngineEvent[] = []

/** Events and bytes by event type. */
const tally = (list: readonly EngineEvent[]) => {
  const by: Record<string, { events: number; bytes: number }> = {}
  for (const e of list) {
    const t = (by[e.type] ??= { events: 0, bytes: 0 })
    t.events++
    t.bytes += JSON.stringify(e).length
  }
  const total = Object.values(by).reduce(
    (a, t) => ({ events: a.events + t.events, bytes: a.bytes + t.bytes }),
    { events: 0, bytes: 0 },
  )
  return { by, total }
}

beforeEach(async () => {
  relay = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 1 })
  const db = await openDatabase(`boundary-${Math.random()}`)
  engine = await createEngine({
    db,
    origin: 'http://127.0.0.1',
    acquireServeLock: async () => () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  engine.subscribe((batch) => {
    messages++
    events.push(...batch)
  })
  const form = { ...toForm((await engine.snapshot()).settings), relays: relay.url }
  expect((await engine.saveSettings({ ...form, ollamaUrl: ollama.url })).ok).toBe(true)
  await until(async () => (await engine.snapshot()).ollama.state === 'ready')
  expect((await engine.goOnline()).ok).toBe(true)
  await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
  // Going online loads both models; only a job's own traffic is counted below.
  await warmedUp(engine, ollama, 2)
})

afterEach(async () => {
  await engine.close()
  await relay.stop()
  await ollama.stop()
})

describe('the worker boundary', () => {
  it('carries one free job as small change notices, not whole records and snapshots', async () => {
    const prompt = 'What crosses the boundary?'
    const req = finalizeEvent(
      {
        kind: 5050,
        created_at: Math.floor(Date.now() / 1000),
        content: '',
        tags: [['i', prompt, 'text']],
      },
      generateSecretKey(),
    )
    events.length = 0
    messages = 0
    relay.injectEvent(req)
    await until(() =>
      relay
        .events()
        .some(
          (e) =>
            e.kind === 7000 &&
            e.tags.some((t) => t[0] === 'e' && t[1] === req.id) &&
            e.tags.some((t) => t[0] === 'status' && t[1] === 'success'),
        ),
    )
    // The last batch crosses a few milliseconds after the success feedback.
    await until(() =>
      events.some((e) => e.type === 'jobs' && e.changes.some((c) => c.state === 'completed')),
    )
    // Ollama's and the relays' status are checked on timers of their own: such a slice may
    // cross while the job runs, and is not the job's. Any other slice would be.
    const periodic = (e: EngineEvent) =>
      e.type === 'slices' && Object.keys(e.slices).every((k) => k === 'ollama' || k === 'relays')
    const job = events.filter((e) => !periodic(e))
    const { by, total } = tally(job)
    // Measured on this machine: 12 events and 12,353 bytes before the UI kept one copy of a
    // job (4 whole snapshots, 4 whole records); 9 events and 1,375 bytes after, in as many
    // messages; then the same events in 3 to 5 messages (batched for 16 ms).
    console.info('one free job across the boundary', JSON.stringify({ by, total, messages }))
    expect(messages).toBeLessThan(job.length)

    // No whole snapshot and no record: the request, the signed result and the timeline stay.
    expect(Object.keys(by).sort()).toEqual(['counts', 'jobs', 'log', 'progress'])
    const text = JSON.stringify(job)
    expect(text).not.toContain(req.sig)
    expect(text).not.toContain('timeline')
    // Served went up once, so the counts crossed once; no other part of the snapshot moved.
    expect(job.filter((e) => e.type === 'counts')).toEqual([
      { type: 'counts', counts: { ...NO_COUNTS, served: 1 } },
    ])
    const changes = job.flatMap((e) => (e.type === 'jobs' ? e.changes : []))
    expect(changes.every((c) => c.id === req.id)).toBe(true)
    expect(changes[0]?.state).toBe('queued')
    expect(changes.at(-1)).toEqual({ id: req.id, state: 'completed' })
    const versions = job.flatMap((e) => (e.type === 'jobs' ? [e.version] : []))
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    // The one change that carries text is the answer the Sell Compute pane shows whole.
    const answer = changes.find((c) => c.running?.result !== undefined)?.running?.result ?? ''
    expect(by.jobs?.bytes).toBeLessThan(changes.length * 300 + answer.length)
  })
})
