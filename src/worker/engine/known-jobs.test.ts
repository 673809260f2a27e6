import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { createKnownJobs } from './known-jobs.ts'

const job = (id: string) => ({ id }) as JobRecord

const fakes = (stored: string[], o: { failWith?: Error | DOMException } = {}) => {
  const asked = { since: [] as number[], has: [] as string[] }
  const store = {
    idsSince: async (receivedAt: number, max: number) => {
      asked.since.push(receivedAt)
      return stored.slice(0, max)
    },
    has: async (id: string) => (asked.has.push(id), stored.includes(id)),
  }
  const journal = {
    create: async (j: JobRecord) => {
      if (o.failWith) throw o.failWith
      stored.push(j.id)
      return j
    },
  }
  return { store, journal, asked }
}

describe('known jobs', () => {
  it('reads the ids once, from an hour before the lookback, then answers from memory', async () => {
    const { store, journal, asked } = fakes(['a', 'b'])
    const known = createKnownJobs(store, journal, 1_000_000)
    expect(await known.has('a')).toBe(true)
    expect(await known.has('c')).toBe(false)
    await known.create(job('c'))
    expect(await known.has('c')).toBe(true)
    expect(asked.since).toEqual([1_000_000_000 - 3_600_000])
    expect(asked.has).toEqual([])
  })

  it('a job found stored already is known; one the database refused is not', async () => {
    const replay = new DOMException('stored', 'ConstraintError')
    const a = fakes([], { failWith: replay })
    const known = createKnownJobs(a.store, a.journal, 0)
    await expect(known.create(job('r'))).rejects.toThrow()
    expect(await known.has('r')).toBe(true)
    const full = fakes([], {
      failWith: new DOMException('full', 'QuotaExceededError'),
    })
    const other = createKnownJobs(full.store, full.journal, 0)
    await expect(other.create(job('q'))).rejects.toThrow()
    expect(await other.has('q')).toBe(false)
  })

  it('too many jobs to hold: IndexedDB is asked each time', async () => {
    const many = Array.from({ length: 50_001 }, (_, i) => `id${i}`)
    const { store, journal, asked } = fakes(many)
    const known = createKnownJobs(store, journal, 0)
    expect(await known.has('id7')).toBe(true)
    expect(await known.has('nope')).toBe(false)
    expect(asked.has).toEqual(['id7', 'nope'])
  })
})
