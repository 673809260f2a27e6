import { SAMPLE_REQUEST } from '../../../fixtures/sample-request.ts'
import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { jobChangeOf } from '../../shared/job-change.ts'
import { applyChangeToLive, applyProgress, applyPull, type LiveJobs, type Pulls } from './live.ts'

/** A journaled job as the UI hears of it. */
const applyJobToLive = (live: LiveJobs, record: JobRecord) =>
  applyChangeToLive(live, jobChangeOf(record))

const job = (state: JobRecord['state'], patch: Partial<JobRecord> = {}): JobRecord => ({
  id: 'job1',
  customer: 'c'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state,
  timeline: [{ state, at: 1000 }],
  request: SAMPLE_REQUEST,
  prompt: 'hi',
  priceMsats: 0,
  replyRelays: [],
  params: {},
  ...patch,
})

describe('applyPull', () => {
  it('keeps the latest event per model, a new pull moving to the end', () => {
    let pulls: Pulls = new Map()
    pulls = applyPull(pulls, { type: 'pull', name: 'a', status: 'starting' })
    pulls = applyPull(pulls, { type: 'pull', name: 'b', status: 'starting' })
    pulls = applyPull(pulls, {
      type: 'pull',
      name: 'a',
      status: 'pulling x',
      completed: 1,
      total: 4,
    })
    expect([...pulls.keys()]).toEqual(['a', 'b'])
    expect(pulls.get('a')?.completed).toBe(1)
    pulls = applyPull(pulls, { type: 'pull', name: 'a', status: 'starting' })
    expect([...pulls.keys()]).toEqual(['b', 'a'])
  })
})

describe('live jobs', () => {
  it('follows a job from running with progress to its end', () => {
    let live: LiveJobs = new Map()
    live = applyJobToLive(live, job('queued'))
    expect(live.size).toBe(0)
    live = applyJobToLive(live, job('running', { startedAt: 2000, model: 'llama3.2' }))
    expect(live.get('job1')).toMatchObject({ text: '', tokens: 0, startedAt: 2000 })
    live = applyProgress(live, { type: 'progress', jobId: 'job1', text: 'Hel', tokens: 2 })
    expect(live.get('job1')).toMatchObject({ text: 'Hel', tokens: 2, model: 'llama3.2' })
    live = applyJobToLive(
      live,
      job('running', { result: 'Hello', usage: { promptTokens: 1, completionTokens: 3 } }),
    )
    expect(live.get('job1')).toMatchObject({ text: 'Hello', tokens: 3, generated: true })
    // A late progress line cannot undo the finished text.
    live = applyProgress(live, { type: 'progress', jobId: 'job1', text: 'Hel', tokens: 2 })
    expect(live.get('job1')?.text).toBe('Hello')
    live = applyJobToLive(live, job('completed'))
    expect(live.size).toBe(0)
  })

  it('shows a job it only hears progress for (the page opened mid-job)', () => {
    const live = applyProgress(new Map(), { type: 'progress', jobId: 'j', text: 'x', tokens: 1 })
    expect(live.get('j')).toEqual({ id: 'j', text: 'x', tokens: 1, generated: false })
  })
})
