/**
 * Intake's bookkeeping around a decision: which requests ask the journal whether they are new
 * (and when), the journal write that is also that check, and the free slot a new job takes.
 */
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure'
import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { joinInputs, type NostrEvent } from '../../shared/nip90/index.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import type { ModelInfo } from '../../shared/worker-api.ts'
import { createIntake, type IntakeDeps } from './intake.ts'
import { createJournal } from './journal.ts'
import { createJobQueue } from './queue.ts'

const customerKey = new Uint8Array(32).fill(1)
const providerKey = new Uint8Array(32).fill(2)
const PROVIDER = getPublicKey(providerKey)
const OTHER = getPublicKey(new Uint8Array(32).fill(3))
const LLAMA: ModelInfo = { name: 'llama3.2', digest: 'd', sizeBytes: 1, contextLength: 8192 }

const request = (tags: string[][], n = 0): NostrEvent =>
  finalizeEvent(
    {
      kind: 5050,
      created_at: Math.floor(Date.now() / 1000) - 1,
      content: '',
      tags: [['i', `Write haiku ${n}`, 'text'], ...tags],
    },
    customerKey,
  ) as NostrEvent

const knownError = () =>
  new DOMException('Key already exists in the object store.', 'ConstraintError')

/** Intake over recorded fakes: the journal (which holds `stored`), replies, a real queue. */
const rig = (o: { stored?: string[]; rateLimitPerMinute?: number; concurrency?: number } = {}) => {
  const stored = new Set(o.stored ?? [])
  const calls = { has: [] as string[], created: [] as JobRecord[], feedback: [] as string[] }
  const outcomes: string[] = []
  const refused: string[] = []
  const started: string[] = []
  const ran: string[] = []
  const queue = createJobQueue({
    concurrency: () => o.concurrency ?? 1,
    capacity: () => 100,
    run: async (id) => {
      ran.push(id)
      await new Promise(() => undefined)
    },
  })
  const deps: IntakeDeps = {
    track: (work) => work,
    view: () => ({
      provider: { pubkey: PROVIDER, secretKey: providerKey },
      settings: { ...DEFAULT_SETTINGS, rateLimitPerMinute: o.rateLimitPerMinute ?? 10 },
      ollama: { models: [LLAMA] },
      now: Date.now(),
      notBefore: Math.floor(Date.now() / 1000) - 600,
      accepting: true,
      awaitingPayment: 0,
      canInvoice: false,
      testKeys: new Set(),
    }),
    has: async (id) => {
      calls.has.push(id)
      return stored.has(id)
    },
    // The real journal over a store that holds `stored`.
    journal: createJournal({
      store: {
        add: async (job) => {
          if (stored.has(job.id)) throw knownError()
          stored.add(job.id)
          calls.created.push(job)
        },
        put: async () => undefined,
      },
      now: Date.now,
      onWrite: () => undefined,
    }),
    feedback: async (_to, f) => {
      calls.feedback.push(f.text ?? f.status)
    },
    queue,
    start: (job, journaled) => {
      started.push(job.id)
      void journaled.then((j) => j && j !== 'known' && queue.push(job.id))
    },
    log: () => undefined,
    onRefused: (r) => refused.push(r.reason),
    onDrop: () => undefined,
    onDeletion: () => undefined,
    // Text inputs only in these tests: nothing to fetch.
    resolveInputs: async (inputs) => {
      const texts = inputs.flatMap((i) => (i.type === 'text' ? [i.text] : []))
      return { ok: true, value: { texts, prompt: joinInputs(texts) } }
    },
    invoiceRefusal: () => null,
    onAwaitingPayment: async () => undefined,
    onOutcome: (_e, reason) => outcomes.push(reason),
  }
  return { intake: createIntake(deps), calls, outcomes, refused, started, ran, queue }
}

const settle = () => new Promise((r) => setTimeout(r, 10))

describe('intake', () => {
  it('journals a new job straight to running in a free slot, with no read before the write', async () => {
    const r = rig()
    const event = request([['p', PROVIDER]])
    r.intake(event)
    await settle()
    expect(r.calls.has).toEqual([])
    expect(r.calls.created.map((j) => [j.state, j.timeline.map((t) => t.state)])).toEqual([
      ['running', ['queued', 'running']],
    ])
    expect(r.calls.created[0]?.startedAt).toBeTypeOf('number')
    expect(r.started).toEqual([event.id])
    expect(r.outcomes).toEqual(['taken'])
    expect(r.calls.feedback).toEqual([])
  })

  it('journals a job queued when no slot is free, and tells the customer its place', async () => {
    const r = rig()
    r.intake(request([['p', PROVIDER]], 1))
    await settle()
    r.intake(request([['p', PROVIDER]], 2))
    await settle()
    expect(r.calls.created.map((j) => j.state)).toEqual(['running', 'queued'])
    expect(r.started).toHaveLength(1)
    expect(r.calls.feedback).toEqual(['Queued: position 1'])
  })

  it('a replayed request the journal holds is neither run nor answered, and costs no rate', async () => {
    const event = request([['p', PROVIDER]])
    const r = rig({ stored: [event.id], rateLimitPerMinute: 1 })
    r.intake(event)
    await settle()
    expect(r.calls.created).toEqual([])
    expect(r.ran).toEqual([])
    expect(r.calls.feedback).toEqual([])
    expect(r.outcomes).toEqual([])
    // The replay took no hit: this customer's one request a minute is still free.
    r.intake(request([['p', PROVIDER]], 7))
    await settle()
    expect(r.outcomes).toEqual(['taken'])
  })

  it('asks the journal before refusing, so a replay is never refused', async () => {
    const first = request([['p', PROVIDER]], 1)
    const replay = request([['p', PROVIDER]], 2)
    const r = rig({ stored: [replay.id], rateLimitPerMinute: 1 })
    r.intake(first)
    await settle()
    r.intake(replay)
    await settle()
    expect(r.calls.has).toEqual([replay.id])
    expect(r.calls.feedback).toEqual([])
    const fresh = request([['p', PROVIDER]], 3)
    r.intake(fresh)
    await settle()
    expect(r.calls.has).toEqual([replay.id, fresh.id])
    expect(r.calls.feedback).toEqual([expect.stringMatching(/^Rate limited/)])
    // The refusal is counted by its reason code, the replay is not.
    expect(r.refused).toEqual(['rate-limited'])
  })

  it('never looks up a request for another provider', async () => {
    const r = rig()
    r.intake(request([['p', OTHER]]))
    await settle()
    expect(r.calls.has).toEqual([])
    expect(r.calls.created).toEqual([])
  })
})
