import { createStore } from 'jotai'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { EngineSnapshot } from '../../shared/worker-api.ts'
import {
  countsAtom,
  jobChangesAtom,
  lastPaidAtAtom,
  snapshotAtom,
  snapshotPart,
} from './engine-atoms.ts'
import { applyEvents, listenTo } from './engine-events.ts'
import { jobsChangedEvery, onJobChanges } from './job-changes.ts'
import { liveJobsAtom } from './live-atoms.ts'

const snapshot = (): EngineSnapshot => ({
  settings: DEFAULT_SETTINGS,
  provider: { pubkey: 'p'.repeat(64), npub: 'npub1x' },
  state: 'offline',
  ollama: { state: 'ready', url: 'http://127.0.0.1:11434', models: [] },
  wallet: { state: 'not-connected' },
  relays: [],
  counts: { ...NO_COUNTS },
})
const counts = { ...NO_COUNTS, served: 1 }
const walletPart = snapshotPart('wallet', 'settings')

describe('engine events in the store', () => {
  it('patches only the parts that changed: a pane of other parts is not told', () => {
    const store = createStore()
    store.set(snapshotAtom, snapshot())
    let told = 0
    store.sub(walletPart, () => told++)
    const before = store.get(walletPart)
    applyEvents(store, [{ type: 'counts', counts }])
    applyEvents(store, [{ type: 'slices', slices: { state: 'online', relays: [] } }])
    expect(told).toBe(0)
    expect(store.get(walletPart)).toBe(before)
    expect(store.get(countsAtom)).toEqual(counts)
    expect(store.get(snapshotAtom)?.state).toBe('online')
    applyEvents(store, [{ type: 'slices', slices: { wallet: { state: 'connecting' } } }])
    expect(told).toBe(1)
    expect(store.get(walletPart)?.wallet.state).toBe('connecting')
  })

  it('follows job changes: the running list, the version, the latest payment', () => {
    const store = createStore()
    store.set(snapshotAtom, snapshot())
    const running = { customer: 'c'.repeat(64), startedAt: 5 }
    applyEvents(store, [
      { type: 'jobs', version: 1, changes: [{ id: 'a', state: 'queued' }] },
      { type: 'jobs', version: 2, changes: [{ id: 'a', state: 'running', paidAt: 9, running }] },
    ])
    expect(store.get(jobChangesAtom).version).toBe(2)
    expect(store.get(jobChangesAtom).changes.map((c) => c.state)).toEqual(['queued', 'running'])
    expect(store.get(liveJobsAtom).get('a')).toMatchObject({ startedAt: 5, generated: false })
    expect(store.get(lastPaidAtAtom)).toBe(9)
    applyEvents(store, [{ type: 'jobs', version: 3, changes: [{ id: 'a', state: 'completed' }] }])
    expect(store.get(liveJobsAtom).size).toBe(0)
    expect(store.get(lastPaidAtAtom)).toBe(9)
  })
})

describe('listening to an engine', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it("holds events until subscribe answers, then applies them on the engine's snapshot", () => {
    const store = createStore()
    store.set(snapshotAtom, { ...snapshot(), state: 'online' })
    const { listener, start } = listenTo(store)
    listener([{ type: 'counts', counts }])
    vi.advanceTimersByTime(100)
    expect(store.get(countsAtom)?.served).toBe(0)
    // A restarted engine: its snapshot replaces the dead one's, its events follow.
    start(snapshot())
    expect(store.get(snapshotAtom)?.state).toBe('offline')
    expect(store.get(countsAtom)).toEqual(counts)
    listener([{ type: 'slices', slices: { state: 'going-online' } }])
    expect(store.get(snapshotAtom)?.state).toBe('offline')
    vi.advanceTimersByTime(50)
    expect(store.get(snapshotAtom)?.state).toBe('going-online')
  })

  it('applies a lone event within 50 ms, and events that keep coming at most 4 times a second', () => {
    const store = createStore()
    const { listener, start } = listenTo(store)
    start(snapshot())
    let renders = 0
    store.sub(countsAtom, () => renders++)
    const served = (n: number) => listener([{ type: 'counts', counts: { ...counts, served: n } }])
    served(1)
    vi.advanceTimersByTime(50)
    expect([renders, store.get(countsAtom)?.served]).toEqual([1, 1])
    // A busy second: an event every 10 ms.
    for (let n = 2; n <= 101; n++) {
      served(n)
      vi.advanceTimersByTime(10)
    }
    expect(renders).toBeLessThanOrEqual(1 + 4)
    vi.advanceTimersByTime(250)
    expect(store.get(countsAtom)?.served).toBe(101)
  })

  it('tells views of jobs at most once per interval, and once more when one mounts again', () => {
    const store = createStore()
    let calls = 0
    const stop = onJobChanges(store, 500, () => calls++)
    for (let v = 1; v <= 5; v++) {
      store.set(jobChangesAtom, { version: v, changes: [] })
      vi.advanceTimersByTime(100)
    }
    expect(calls).toBe(1)
    stop()
    store.set(jobChangesAtom, { version: 6, changes: [] })
    vi.advanceTimersByTime(1000)
    expect(calls).toBe(1)

    const tick = jobsChangedEvery(500, store)
    const unmount = store.sub(tick, () => undefined)
    expect(store.get(tick)).toBe(0)
    store.set(jobChangesAtom, { version: 7, changes: [] })
    vi.advanceTimersByTime(500)
    expect(store.get(tick)).toBe(1)
    unmount()
    store.sub(tick, () => undefined)
    expect(store.get(tick)).toBe(2)
  })
})
