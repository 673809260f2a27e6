import { describe, expect, it } from 'vitest'
import { createActivity, whenIdle } from './activity.ts'
import { createJobQueue } from './queue.ts'

const deferred = () => {
  let resolve = () => undefined as void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('whenIdle', () => {
  it('resolves at once when nothing is in flight', async () => {
    const activity = createActivity()
    const queue = createJobQueue({ concurrency: () => 1, capacity: () => 5, run: async () => {} })
    await whenIdle(activity, queue)
    expect(activity.inFlight()).toBe(0)
  })

  it('waits for tracked work, including work that failed', async () => {
    const activity = createActivity()
    const queue = createJobQueue({ concurrency: () => 1, capacity: () => 5, run: async () => {} })
    const work = deferred()
    void activity
      .track(work.promise.then(() => Promise.reject(new Error('relay said no'))))
      .catch(() => undefined)
    let idle = false
    const waiting = whenIdle(activity, queue).then(() => (idle = true))
    await new Promise((r) => setTimeout(r, 5))
    expect(idle).toBe(false)
    work.resolve()
    await waiting
    expect(activity.inFlight()).toBe(0)
  })

  it('waits for the job a tracked intake queued, and the publish that job started', async () => {
    const activity = createActivity()
    const published: string[] = []
    const publish = deferred()
    const queue = createJobQueue({
      concurrency: () => 1,
      capacity: () => 5,
      run: async (id) => {
        // The job ends before its publish settles: idle must wait for the publish too.
        void activity.track(publish.promise.then(() => void published.push(id)))
      },
    })
    const intake = deferred()
    void activity.track(intake.promise.then(() => void queue.push('job-1')))
    let idle = false
    const waiting = whenIdle(activity, queue).then(() => (idle = true))
    intake.resolve()
    await new Promise((r) => setTimeout(r, 5))
    expect(idle).toBe(false)
    publish.resolve()
    await waiting
    expect(published).toEqual(['job-1'])
  })
})
