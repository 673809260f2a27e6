import { describe, expect, it } from 'vitest'
import { createRecentIds } from './recent-ids.ts'

describe('recent ids', () => {
  it('remembers up to its capacity and forgets the oldest first', () => {
    const ids = createRecentIds(2)
    ids.add('a')
    ids.add('b')
    ids.add('a') // already there: not moved, not counted twice
    expect([ids.has('a'), ids.has('b')]).toEqual([true, true])
    ids.add('c')
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([false, true, true])
  })
})
