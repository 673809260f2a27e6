import { describe, expect, it } from 'vitest'
import { createJobQueue } from './queue.ts'

/** A run() whose jobs finish when the test says so. */
const controlledRunner = () => {
  const started: string[] = []
  const finish = new Map<string, { resolve: () => void; reject: (e: Error) => void }>()
  const run = (id: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(id)
      finish.set(id, { resolve, reject })
    })
  const done = async (id: string, error?: Error) => {
    const f = finish.get(id)
    if (!f) throw new Error(`${id} was not started`)
    if (error) f.reject(error)
    else f.resolve()
    await settle()
  }
  return { started, run, done }
}

const settle = () => new Promise<void>((r) => setTimeout(r, 0))

const queueWith = (concurrency: number, capacity: number) => {
  const runner = controlledRunner()
  const queue = createJobQueue({
    concurrency: () => concurrency,
    capacity: () => capacity,
    run: runner.run,
  })
  return { queue, ...runner }
}

describe('createJobQueue', () => {
  it('runs jobs one at a time, first in first out', async () => {
    const { queue, started, done } = queueWith(1, 10)
    expect(queue.push('a')).toBe(true)
    expect(queue.push('b')).toBe(true)
    expect(queue.push('c')).toBe(true)
    expect(started).toEqual(['a'])
    await done('a')
    expect(started).toEqual(['a', 'b'])
    await done('b')
    expect(started).toEqual(['a', 'b', 'c'])
  })

  it('runs up to the concurrency at once', async () => {
    const { queue, started, done } = queueWith(2, 10)
    for (const id of ['a', 'b', 'c', 'd']) queue.push(id)
    expect(started).toEqual(['a', 'b'])
    await done('b')
    expect(started).toEqual(['a', 'b', 'c'])
    await done('a')
    expect(started).toEqual(['a', 'b', 'c', 'd'])
  })

  it('has a free slot only while a push would run at once', async () => {
    const { queue, done } = queueWith(2, 10)
    expect(queue.hasFreeSlot()).toBe(true)
    queue.push('a')
    expect(queue.hasFreeSlot()).toBe(true)
    queue.push('b')
    expect(queue.hasFreeSlot()).toBe(false)
    queue.push('c')
    await done('a')
    // 'c' took the slot 'a' left.
    expect(queue.hasFreeSlot()).toBe(false)
    await done('b')
    expect(queue.hasFreeSlot()).toBe(true)
    const small = queueWith(4, 1)
    small.queue.push('x')
    expect(small.queue.hasFreeSlot()).toBe(false)
  })

  it('gives positions: 0 running, 1 next, -1 unknown', async () => {
    const { queue, done } = queueWith(1, 10)
    for (const id of ['a', 'b', 'c']) queue.push(id)
    expect(['a', 'b', 'c', 'zzz'].map((id) => queue.position(id))).toEqual([0, 1, 2, -1])
    await done('a')
    expect(['a', 'b', 'c'].map((id) => queue.position(id))).toEqual([-1, 0, 1])
  })

  it('refuses a job when running plus waiting reach the capacity', async () => {
    const { queue, done } = queueWith(1, 2)
    expect(queue.push('a')).toBe(true)
    expect(queue.push('b')).toBe(true)
    expect(queue.push('c')).toBe(false)
    expect(queue.size()).toBe(2)
    expect(queue.position('c')).toBe(-1)
    await done('a')
    expect(queue.push('c')).toBe(true)
    expect(queue.size()).toBe(2)
  })

  it('always takes a paid job, full or not: capacity gates invoicing, not paid work', async () => {
    const { queue, started, done } = queueWith(1, 1)
    expect(queue.push('free')).toBe(true)
    expect(queue.push('other')).toBe(false)
    expect(queue.push('paid', { paid: true })).toBe(true)
    expect(queue.position('paid')).toBe(1)
    await done('free')
    expect(started).toEqual(['free', 'paid'])
  })

  it('takes the same job once, even when pushed again, even when full', () => {
    const { queue, started } = queueWith(1, 2)
    queue.push('a')
    queue.push('b')
    expect(queue.push('a')).toBe(true)
    expect(queue.push('b')).toBe(true)
    expect(queue.size()).toBe(2)
    expect(started).toEqual(['a'])
  })

  it('keeps going after a job fails', async () => {
    const { queue, started, done } = queueWith(1, 10)
    queue.push('a')
    queue.push('b')
    await done('a', new Error('Ollama is down'))
    expect(started).toEqual(['a', 'b'])
    expect(queue.position('a')).toBe(-1)
    await done('b')
    expect(queue.size()).toBe(0)
  })

  it('idle resolves at once when there is nothing to do', async () => {
    const { queue } = queueWith(1, 10)
    await expect(queue.idle()).resolves.toBeUndefined()
  })

  it('idle resolves only when nothing is waiting or running', async () => {
    const { queue, done } = queueWith(1, 10)
    queue.push('a')
    queue.push('b')
    let idle = false
    const first = queue.idle().then(() => (idle = true))
    const second = queue.idle()
    await done('a')
    expect(idle).toBe(false)
    await done('b')
    await Promise.all([first, second])
    expect(idle).toBe(true)
    expect(queue.size()).toBe(0)
  })

  it('reads the concurrency and capacity each time (settings can change)', async () => {
    let concurrency = 1
    let capacity = 1
    const { started, run, done } = controlledRunner()
    const queue = createJobQueue({ concurrency: () => concurrency, capacity: () => capacity, run })
    queue.push('a')
    expect(queue.push('b')).toBe(false)
    capacity = 3
    concurrency = 2
    expect(queue.push('b')).toBe(true)
    expect(started).toEqual(['a', 'b'])
    expect(queue.push('c')).toBe(true)
    expect(queue.position('c')).toBe(1)
    await done('a')
    expect(started).toEqual(['a', 'b', 'c'])
  })

  it('runs many quick jobs in order with the right concurrency', async () => {
    const order: string[] = []
    let running = 0
    let most = 0
    const queue = createJobQueue({
      concurrency: () => 3,
      capacity: () => 100,
      run: async (id) => {
        order.push(id)
        running++
        most = Math.max(most, running)
        await settle()
        running--
      },
    })
    const ids = Array.from({ length: 20 }, (_, i) => `job${i}`)
    for (const id of ids) expect(queue.push(id)).toBe(true)
    await queue.idle()
    expect(order).toEqual(ids)
    expect(most).toBe(3)
  })
})
