import { SAMPLE_REQUEST } from '../../fixtures/sample-request.ts'
import { describe, expect, it } from 'vitest'
import {
  canTransition,
  isFinal,
  JOB_STATES,
  phaseOf,
  STATUS_WORDS,
  transition,
  type JobRecord,
  type JobState,
} from './job-state.ts'

/** The whole table, written out: every pair not listed here must be refused. */
const ALLOWED: Record<JobState, JobState[]> = {
  'awaiting-payment': ['queued', 'expired', 'cancelled', 'failed'],
  queued: ['running', 'cancelled', 'failed'],
  running: ['completed', 'failed', 'cancelled', 'queued'],
  completed: [],
  failed: [],
  cancelled: [],
  expired: [],
}

const FINAL: JobState[] = ['completed', 'failed', 'cancelled', 'expired']

const pairs = JOB_STATES.flatMap((from) => JOB_STATES.map((to) => [from, to] as const))

const job = (state: JobState = 'awaiting-payment'): JobRecord => ({
  id: '0123456789abcdef'.repeat(4),
  customer: 'c'.repeat(64),
  requestedAt: 1_750_000_000,
  receivedAt: 1_750_000_000_500,
  state,
  timeline: [{ state, at: 1_750_000_000_500 }],
  request: SAMPLE_REQUEST,
  prompt: 'hello',
  priceMsats: 21_000,
  replyRelays: [],
  params: {},
})

describe('job states', () => {
  it('are exactly the seven the history shows', () => {
    expect([...JOB_STATES]).toEqual([
      'awaiting-payment',
      'queued',
      'running',
      'completed',
      'failed',
      'cancelled',
      'expired',
    ])
  })

  it.each(pairs)('%s -> %s follows the table', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED[from].includes(to))
  })

  it('lets an interrupted running job be queued again', () => {
    expect(canTransition('running', 'queued')).toBe(true)
  })

  it('never lets a job skip payment or go back to awaiting payment', () => {
    expect(canTransition('awaiting-payment', 'running')).toBe(false)
    expect(canTransition('awaiting-payment', 'completed')).toBe(false)
    for (const from of JOB_STATES) expect(canTransition(from, 'awaiting-payment')).toBe(false)
  })

  it.each(JOB_STATES)('isFinal(%s) is true only for the end states', (state) => {
    expect(isFinal(state)).toBe(FINAL.includes(state))
  })

  it('has a status word for every state, and only for them', () => {
    expect(Object.keys(STATUS_WORDS).sort()).toEqual([...JOB_STATES].sort())
    for (const state of JOB_STATES) expect(STATUS_WORDS[state]).toMatch(/^[a-z]+( [a-z]+)*$/)
    expect(STATUS_WORDS['awaiting-payment']).toBe('awaiting payment')
    expect(STATUS_WORDS.completed).toBe('completed')
  })
})

/** The record a transition produced, or a failure naming why not. */
const moved = (result: ReturnType<typeof transition>): JobRecord => {
  if (!result.ok) throw new Error(`expected a transition, got: ${result.error}`)
  return result.value
}

describe('transition', () => {
  it('moves the job and appends the change to the timeline', () => {
    const before = job('queued')
    const after = moved(transition(before, 'running', 1_750_000_001_000))
    expect(after).toEqual({
      ...before,
      state: 'running',
      timeline: [
        { state: 'queued', at: 1_750_000_000_500 },
        { state: 'running', at: 1_750_000_001_000 },
      ],
    })
    expect(after.timeline[1]).not.toHaveProperty('note')
  })

  it('keeps a note with the change', () => {
    const after = moved(transition(job('running'), 'failed', 2000, 'Ollama is not reachable'))
    expect(after.timeline.at(-1)).toEqual({
      state: 'failed',
      at: 2000,
      note: 'Ollama is not reachable',
    })
  })

  it('does not change the record it was given', () => {
    const before = job('awaiting-payment')
    const copy = structuredClone(before)
    moved(transition(before, 'queued', 1))
    expect(before).toEqual(copy)
  })

  it('records a whole life in order', () => {
    let current: JobRecord = job('awaiting-payment')
    const steps: JobState[] = ['queued', 'running', 'queued', 'running', 'completed']
    steps.forEach((to, i) => {
      current = moved(transition(current, to, 10 + i))
    })
    expect(current.state).toBe('completed')
    expect(current.timeline.map((e) => [e.state, e.at])).toEqual([
      ['awaiting-payment', 1_750_000_000_500],
      ['queued', 10],
      ['running', 11],
      ['queued', 12],
      ['running', 13],
      ['completed', 14],
    ])
  })

  it('refuses a transition the table does not allow, and says which', () => {
    expect(transition(job('completed'), 'running', 1)).toEqual({
      ok: false,
      error: 'job 01234567 cannot go from completed to running',
    })
    expect(transition(job('queued'), 'expired', 1)).toEqual({
      ok: false,
      error: 'job 01234567 cannot go from queued to expired',
    })
  })

  it.each(FINAL)('refuses every move out of the final state %s', (state) => {
    for (const to of JOB_STATES) {
      expect(transition(job(state), to, 1)).toEqual({
        ok: false,
        error: `job 01234567 cannot go from ${state} to ${to}`,
      })
    }
  })
})

describe('phaseOf', () => {
  const result = {
    id: 'e'.repeat(64),
    pubkey: 'f'.repeat(64),
    created_at: 1,
    kind: 6050,
    tags: [],
    content: 'hi',
    sig: '0'.repeat(128),
  }
  it('names a running job with a journaled result as delivering, and shows it as running', () => {
    expect(phaseOf({ state: 'running', resultEvent: result })).toBe('delivering')
    expect(STATUS_WORDS[job('running').state]).toBe('running')
  })

  it.each(JOB_STATES)('is the state itself for %s with no result journaled', (state) => {
    expect(phaseOf({ state })).toBe(state)
  })

  it('is completed, not delivering, once a relay took the result', () => {
    expect(phaseOf({ state: 'completed', resultEvent: result })).toBe('completed')
  })
})
