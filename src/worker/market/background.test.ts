import { describe, expect, it } from 'vitest'
import { createBackgroundQueue } from './background.ts'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('the background queue', () => {
  it('runs tasks in order, later, and all of them at once when flushed', async () => {
    const ran: number[] = []
    const queue = createBackgroundQueue(() => undefined)
    for (let i = 0; i < 5; i++) queue.push(() => ran.push(i))
    expect(ran).toEqual([])
    queue.flush()
    expect(ran).toEqual([0, 1, 2, 3, 4])
    queue.push(() => ran.push(5))
    await tick()
    expect(ran).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('gives the thread back after a slice, and goes on where it stopped', async () => {
    let clock = 0
    const ran: number[] = []
    // Each task takes 3 ms of the clock: a slice of 8 ms runs three of them.
    const queue = createBackgroundQueue(
      () => undefined,
      () => clock,
    )
    for (let i = 0; i < 7; i++) queue.push(() => (ran.push(i), (clock += 3)))
    await new Promise((r) => setTimeout(r, 0))
    await new Promise((r) => setTimeout(r, 0))
    expect(ran.length).toBeGreaterThan(0)
    expect(ran.length).toBeLessThan(7)
    await tick()
    await tick()
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('runs the tasks after one that threw, and says what it threw', () => {
    const errors: unknown[] = []
    const ran: string[] = []
    const queue = createBackgroundQueue((e) => errors.push(e))
    queue.push(() => ran.push('a'))
    queue.push(() => {
      throw new Error('bad event')
    })
    queue.push(() => ran.push('c'))
    queue.flush()
    expect(ran).toEqual(['a', 'c'])
    expect(errors).toEqual([new Error('bad event')])
  })
})
