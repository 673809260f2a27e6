import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { createFinish, endingOf, owedWords, type JobOutcome } from './finish.ts'
import type { JobChange } from './journal.ts'

const job = (over: Partial<JobRecord> = {}): JobRecord => ({
  id: 'abcdef0123456789'.repeat(4),
  customer: 'c'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state: 'running',
  timeline: [{ state: 'running', at: 1000 }],
  request: {
    id: 'a'.repeat(64),
    pubkey: 'c'.repeat(64),
    created_at: 1,
    kind: 5050,
    tags: [],
    content: '',
    sig: '0'.repeat(128),
  },
  prompt: 'hi',
  priceMsats: 0,
  replyRelays: [],
  params: {},
  ...over,
})

describe('endingOf: every way a job ends', () => {
  it.each<[string, JobRecord, JobOutcome, ReturnType<typeof endingOf>]>([
    [
      'completed',
      job({ usage: { promptTokens: 1, completionTokens: 7 } }),
      { kind: 'completed' },
      {
        change: { to: 'completed', note: 'result delivered' },
        log: { level: 'info', message: 'job abcdef01 completed (7 tokens)' },
        feedback: { status: 'success', text: 'Done' },
      },
    ],
    [
      'failed, free',
      job(),
      { kind: 'failed', cause: 'Ollama went away' },
      {
        change: {
          to: 'failed',
          patch: { error: 'Ollama went away', finishedAt: 5 },
          note: 'Ollama went away',
        },
        log: { level: 'warn', message: 'job abcdef01 failed: Ollama went away' },
        feedback: { status: 'error', text: 'Failed: Ollama went away' },
      },
    ],
    [
      'failed after payment: owed',
      job({ paidMsats: 21_000 }),
      { kind: 'failed', cause: 'Ollama went away' },
      {
        change: {
          to: 'failed',
          patch: {
            error: `Ollama went away. ${owedWords(21_000)}`,
            finishedAt: 5,
            owedMsats: 21_000,
          },
          note: `Ollama went away. ${owedWords(21_000)}`,
        },
        log: {
          level: 'error',
          message: `job abcdef01 failed: Ollama went away. ${owedWords(21_000)}`,
        },
        feedback: { status: 'error', text: `Failed: Ollama went away. ${owedWords(21_000)}` },
      },
    ],
    [
      'paid, the answer too large to send: kept in the history, owed',
      job({ paidMsats: 21_000 }),
      { kind: 'failed', cause: 'the answer cannot be sent: too large', result: 'the answer' },
      {
        change: {
          to: 'failed',
          patch: {
            error: `the answer cannot be sent: too large. ${owedWords(21_000)}`,
            finishedAt: 5,
            owedMsats: 21_000,
            result: 'the answer',
          },
          note: `the answer cannot be sent: too large. ${owedWords(21_000)}`,
        },
        log: {
          level: 'error',
          message: `job abcdef01 failed: the answer cannot be sent: too large. ${owedWords(21_000)}`,
        },
        feedback: {
          status: 'error',
          text: `Failed: the answer cannot be sent: too large. ${owedWords(21_000)}`,
        },
      },
    ],
    [
      'no invoice',
      job({ state: 'awaiting-payment' }),
      { kind: 'not-invoiced', cause: 'timed out' },
      {
        change: {
          to: 'failed',
          patch: {
            error: "the provider's wallet could not make an invoice (timed out)",
            finishedAt: 5,
          },
          note: "the provider's wallet could not make an invoice (timed out)",
        },
        log: {
          level: 'warn',
          message: "job abcdef01: the provider's wallet could not make an invoice (timed out)",
        },
        feedback: {
          status: 'error',
          text: "Failed: the provider's wallet could not make an invoice (timed out)",
        },
      },
    ],
    [
      'expired',
      job({ state: 'awaiting-payment' }),
      { kind: 'expired', reason: 'the invoice expired unpaid' },
      {
        change: {
          to: 'expired',
          patch: { error: 'the invoice expired unpaid', finishedAt: 5 },
          note: 'the invoice expired unpaid',
        },
        feedback: { status: 'error', text: 'Expired: the invoice expired unpaid' },
      },
    ],
    [
      'cancelled while running',
      job(),
      { kind: 'cancelled', whileRunning: true },
      {
        change: { to: 'cancelled', patch: { finishedAt: 5 }, note: 'cancelled by the customer' },
        log: { level: 'info', message: 'job abcdef01 cancelled by the customer while running' },
        feedback: { status: 'error', text: 'cancelled' },
      },
    ],
    [
      'cancelled before it started',
      job({ state: 'queued' }),
      { kind: 'cancelled', whileRunning: false },
      {
        change: { to: 'cancelled', patch: { finishedAt: 5 }, note: 'cancelled by the customer' },
        log: { level: 'info', message: 'job abcdef01 cancelled by the customer' },
        feedback: { status: 'error', text: 'cancelled' },
      },
    ],
  ])('%s', (_, j, outcome, ending) => {
    expect(endingOf(j, outcome, 5)).toEqual(ending)
  })
})

describe('finish', () => {
  it('journals first, then logs, then tells the customer, with the journaled record', async () => {
    const steps: string[] = []
    const written = job({ state: 'failed' })
    const finish = createFinish({
      journal: {
        write: async (_: JobRecord, change: JobChange) => {
          steps.push(`journal ${change.to}`)
          return written
        },
      },
      log: (level, message) => void steps.push(`${level} ${message}`),
      feedback: async (to, f) => void steps.push(`feedback ${to === written} ${f.text}`),
      now: () => 5,
    })
    expect(await finish(job(), { kind: 'failed', cause: 'no model' })).toBe(written)
    expect(steps).toEqual([
      'journal failed',
      'warn job abcdef01 failed: no model',
      'feedback true Failed: no model',
    ])
  })

  it('tells nobody when the journal refuses the write', async () => {
    const told: string[] = []
    const finish = createFinish({
      journal: { write: () => Promise.reject(new Error('disk full')) },
      log: (_, m) => void told.push(m),
      feedback: async (_, f) => void told.push(f.text),
      now: () => 5,
    })
    await expect(finish(job(), { kind: 'completed' })).rejects.toThrow('disk full')
    expect(told).toEqual([])
  })
})
