import { describe, expect, it } from 'vitest'
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { JobRecord, JobState } from '../../shared/job-state.ts'
import { SAMPLE_REQUEST } from '../../../fixtures/sample-request.ts'
import { countChange } from './counts.ts'

const job = (state: JobState, patch: Partial<JobRecord> = {}): JobRecord => ({
  id: 'j1',
  customer: 'a'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state,
  timeline: [],
  request: SAMPLE_REQUEST,
  prompt: 'hi',
  priceMsats: 21_000,
  replyRelays: [],
  params: {},
  ...patch,
})

/** Counts after a job's journey, write by write. */
const walk = (...steps: JobRecord[]) => {
  let counts = NO_COUNTS
  let before: JobRecord | null = null
  for (const after of steps) {
    counts = countChange(counts, before, after)
    before = after
  }
  return counts
}

describe('countChange', () => {
  it('holds an invoice out as awaiting until it is paid, then earns once delivered', () => {
    const invoiced = walk(job('awaiting-payment'))
    expect(invoiced.awaiting).toEqual({ jobs: 1, msats: 21_000 })
    const paid = { paidMsats: 21_000, paidAt: 2000 }
    const done = walk(
      job('awaiting-payment'),
      job('queued', paid),
      job('running', paid),
      job('completed', paid),
      job('completed', { ...paid, finishedAt: 3 }),
    )
    expect(done).toMatchObject({ awaiting: { jobs: 0, msats: 0 }, served: 1, satsEarned: 21 })
  })

  it('counts an expired invoice once and lets go of what it was awaiting', () => {
    const counts = walk(job('awaiting-payment'), job('expired'), job('expired', { error: 'x' }))
    expect(counts).toMatchObject({ awaiting: { jobs: 0, msats: 0 }, expired: 1, satsEarned: 0 })
  })

  it('counts a paid job that failed as owed, once, and as earning nothing', () => {
    const paid = { paidMsats: 21_000, paidAt: 2000 }
    const counts = walk(
      job('queued', paid),
      job('failed', { ...paid, owedMsats: 21_000 }),
      job('failed', { ...paid, owedMsats: 21_000, error: 'again' }),
    )
    expect(counts).toMatchObject({ failed: 1, owed: { jobs: 1, msats: 21_000 }, satsEarned: 0 })
  })
})
