import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { EngineEvent, EngineSnapshot } from '../../shared/worker-api.ts'
import { createHub } from './hub.ts'
import { SAMPLE_REQUEST } from '../../../fixtures/sample-request.ts'

const initial = (): EngineSnapshot => ({
  settings: DEFAULT_SETTINGS,
  provider: { pubkey: 'p'.repeat(64), npub: 'npub1x' },
  state: 'offline',
  ollama: { state: 'checking', url: 'http://127.0.0.1:11434', models: [] },
  wallet: { state: 'connecting' },
  relays: [],
  counts: { ...NO_COUNTS },
})

const job = (patch: Partial<JobRecord>): JobRecord => ({
  id: 'j'.repeat(64),
  customer: 'c'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state: 'queued',
  timeline: [],
  // A long request that is never sent to the UI.
  request: SAMPLE_REQUEST,
  prompt: 'a prompt that stays in the worker',
  priceMsats: 0,
  replyRelays: [],
  params: {},
  ...patch,
})

const listen = () => {
  const hub = createHub(initial(), () => 5)
  const events: EngineEvent[] = []
  hub.subscribe((e) => events.push(e))
  return { hub, events }
}

describe('the hub', () => {
  it('sends only the parts of the snapshot that changed, and nothing for a repeat', () => {
    const { hub, events } = listen()
    hub.update({ state: 'online', stateReason: undefined })
    hub.update({ state: 'online', ollama: { ...hub.snapshot().ollama } })
    expect(events).toEqual([{ type: 'slices', slices: { state: 'online' } }])
    expect(hub.snapshot().state).toBe('online')
  })

  it('sends counts as their own event, only when they moved', () => {
    const { hub, events } = listen()
    const counts = { ...NO_COUNTS, served: 1 }
    hub.update({ counts })
    hub.update({ counts: { ...counts } })
    hub.update({ counts: { ...counts, dropped: 1 }, state: 'going-online' })
    expect(events).toEqual([
      { type: 'counts', counts },
      { type: 'slices', slices: { state: 'going-online' } },
      { type: 'counts', counts: { ...counts, dropped: 1 } },
    ])
    expect(hub.snapshot().counts.dropped).toBe(1)
  })

  it('announces a journaled job by id and state with a growing version, never its record', () => {
    const { hub, events } = listen()
    hub.job(job({}))
    hub.job(job({ state: 'running', startedAt: 7, paidAt: 3 }))
    hub.job(
      job({ state: 'running', result: 'done', usage: { promptTokens: 1, completionTokens: 2 } }),
    )
    hub.job(job({ state: 'completed', result: 'done' }))
    const id = 'j'.repeat(64)
    const customer = 'c'.repeat(64)
    expect(events).toEqual([
      { type: 'jobs', version: 1, changes: [{ id, state: 'queued' }] },
      {
        type: 'jobs',
        version: 2,
        changes: [{ id, state: 'running', paidAt: 3, running: { customer, startedAt: 7 } }],
      },
      {
        type: 'jobs',
        version: 3,
        changes: [
          { id, state: 'running', running: { customer, result: 'done', completionTokens: 2 } },
        ],
      },
      { type: 'jobs', version: 4, changes: [{ id, state: 'completed' }] },
    ])
    expect(JSON.stringify(events)).not.toContain('prompt')
  })
})
