import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import type { LogEntry } from '../../shared/worker-api.ts'
import { mergeJobs, mergeLog, trimJobs } from './merge.ts'

const job = (
  id: string,
  states: JobRecord['state'][],
  extra: Partial<JobRecord> = {},
): JobRecord => ({
  id,
  customer: 'c'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state: states.at(-1) ?? 'queued',
  timeline: states.map((state, i) => ({ state, at: 1000 + i })),
  request: '{}',
  prompt: 'hi',
  priceMsats: 0,
  replyRelays: [],
  params: {},
  ...extra,
})

const entry = (seq: number): LogEntry => ({ seq, at: seq, level: 'info', message: `m${seq}` })

describe('mergeJobs', () => {
  it('keeps the record with the longer timeline, whichever arrives last', () => {
    const running = job('a', ['queued', 'running'])
    const done = job('a', ['queued', 'running', 'completed'])
    expect(mergeJobs(mergeJobs(new Map(), [done]), [running]).get('a')).toBe(done)
    expect(mergeJobs(mergeJobs(new Map(), [running]), [done]).get('a')).toBe(done)
  })

  it('lets the incoming record win a tie, and keeps unchanged records as they were', () => {
    const other = job('b', ['queued'])
    const before = mergeJobs(new Map(), [job('a', ['queued', 'running']), other])
    const partial = job('a', ['queued', 'running'], { result: 'so far' })
    const after = mergeJobs(before, [partial])
    expect(after.get('a')).toBe(partial)
    expect(after.get('b')).toBe(other)
    expect(before.get('a')).not.toBe(partial)
  })
})

describe('mergeLog', () => {
  it('appends in order and keeps only the newest entries', () => {
    const log = [entry(1), entry(2)]
    expect(mergeLog(log, [entry(3)], 2).map((e) => e.seq)).toEqual([2, 3])
  })

  it('dedupes and sorts entries that overlap or arrive out of order', () => {
    const merged = mergeLog([entry(1), entry(3)], [entry(2), entry(3), entry(4)])
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3, 4])
  })
})

describe('trimJobs', () => {
  const at = (n: number) => job(String(n), ['queued'], { receivedAt: n })

  it('keeps every job until twice the limit, then the newest `keep`', () => {
    const few = mergeJobs(new Map(), [at(1), at(2), at(3), at(4)])
    expect(trimJobs(few, 2)).toBe(few)
    const many = mergeJobs(few, [at(5)])
    expect([...trimJobs(many, 2).values()].map((j) => j.receivedAt)).toEqual([5, 4])
  })
})
