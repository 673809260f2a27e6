import { SAMPLE_REQUEST } from '../../../../fixtures/sample-request.ts'
import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../shared/job-state.ts'
import type { JobPage } from '../../../shared/worker-api.ts'
import { createJobPages } from './job-pages.ts'

const record = (n: number, state: JobRecord['state'] = 'completed'): JobRecord => ({
  id: `job-${n}`,
  customer: 'c',
  requestedAt: n,
  receivedAt: n,
  state,
  timeline: [],
  request: SAMPLE_REQUEST,
  prompt: '',
  priceMsats: 0,
  replyRelays: [],
  params: {},
})

/** A history of `size` jobs answering by offset, recording what it was asked. */
const history = (size: number) => {
  let jobs = Array.from({ length: size }, (_, i) => record(i))
  const asked: number[] = []
  const pending: (() => void)[] = []
  return {
    asked,
    replace: (next: JobRecord[]) => (jobs = next),
    fetchPage: (offset: number, limit: number): Promise<JobPage> => {
      asked.push(offset)
      const answer = { total: jobs.length, jobs: jobs.slice(offset, offset + limit) }
      return new Promise((resolve) => pending.push(() => resolve(answer)))
    },
    /** Answer every request made so far, in order. */
    async answerAll() {
      for (const go of pending.splice(0)) go()
      await new Promise((r) => setTimeout(r, 0))
    },
  }
}

describe('job pages', () => {
  it('asks for the first page only until it knows how many jobs there are', async () => {
    const h = history(1000)
    const pages = createJobPages({ fetchPage: h.fetchPage, pageSize: 10 })
    pages.want(0, 35)
    expect(h.asked).toEqual([0])
    await h.answerAll()
    expect(pages.total()).toBe(1000)
    expect(pages.jobAt(3)?.id).toBe('job-3')
    pages.want(0, 35)
    expect(h.asked).toEqual([0, 10, 20, 30])
  })

  it('fetches the pages on screen once, however often they are wanted', async () => {
    const h = history(1000)
    const pages = createJobPages({ fetchPage: h.fetchPage, pageSize: 10 })
    pages.want(0, 0)
    await h.answerAll()
    pages.want(985, 999)
    pages.want(985, 999)
    await h.answerAll()
    pages.want(985, 999)
    expect(h.asked).toEqual([0, 980, 990])
    expect(pages.jobAt(999)?.id).toBe('job-999')
    expect(pages.jobAt(500)).toBeUndefined()
  })

  it('forgets the pages farthest from view', async () => {
    const h = history(1000)
    const pages = createJobPages({ fetchPage: h.fetchPage, pageSize: 10, keepPages: 2 })
    for (let first = 0; first < 200; first += 10) {
      pages.want(first, first + 9)
      await h.answerAll()
    }
    expect(pages.jobAt(195)?.id).toBe('job-195')
    expect(pages.jobAt(175)?.id).toBe('job-175')
    expect(pages.jobAt(5)).toBeUndefined()
  })

  it('keeps showing the old rows while a refresh is on its way', async () => {
    const h = history(30)
    const pages = createJobPages({ fetchPage: h.fetchPage, pageSize: 10 })
    pages.want(0, 0)
    await h.answerAll()
    pages.want(0, 15)
    await h.answerAll()
    h.replace([record(99, 'failed'), ...Array.from({ length: 30 }, (_, i) => record(i))])
    const before = pages.version()
    pages.refresh()
    expect(pages.jobAt(0)?.id).toBe('job-0')
    await h.answerAll()
    expect(pages.version()).toBeGreaterThan(before)
    expect(pages.total()).toBe(31)
    expect(pages.jobAt(0)?.id).toBe('job-99')
    expect(pages.jobAt(10)?.id).toBe('job-9')
  })

  it('says why when the history cannot be read', async () => {
    const pages = createJobPages({
      fetchPage: () => Promise.reject(new Error('QuotaExceededError')),
    })
    let told = 0
    pages.subscribe(() => told++)
    pages.want(0, 0)
    await new Promise((r) => setTimeout(r, 0))
    expect(told).toBe(1)
    expect(pages.error()).toContain('QuotaExceededError')
    expect(pages.total()).toBeNull()
  })
})
