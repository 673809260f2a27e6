import 'fake-indexeddb/auto'
import { openDB } from 'idb'
import { npubEncode } from 'nostr-tools/nip19'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobRecord, JobState } from '../../shared/job-state.ts'
import { openDatabase, type Database } from './db.ts'
import { createJobQueries, MAX_BUCKETS, type JobQueries } from './job-queries.ts'
import { createJobStore } from './job-store.ts'
import { readStateTally } from './state-tally.ts'
import { SAMPLE_REQUEST } from '../../../fixtures/sample-request.ts'

const T0 = Date.UTC(2026, 0, 1)
const MIN = 60_000
const CUSTOMERS = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]
const STATES: JobState[] = ['completed', 'failed', 'completed', 'expired', 'cancelled']
const MODELS = ['llama3.2:1b', 'qwen2.5:0.5b']

/** Job i arrives at minute i; every third is paid (i + 1) sats at minute i + 0.5. */
const job = (i: number): JobRecord => {
  const receivedAt = T0 + i * MIN
  const state = STATES[i % STATES.length]!
  return {
    id: `job-${String(i).padStart(4, '0')}`,
    customer: CUSTOMERS[i % CUSTOMERS.length]!,
    requestedAt: Math.floor(receivedAt / 1000),
    receivedAt,
    state,
    timeline: [{ state, at: receivedAt }],
    request: SAMPLE_REQUEST,
    prompt: `prompt ${i}`,
    ...(state === 'expired' ? {} : { model: MODELS[i % MODELS.length]! }),
    priceMsats: 1000,
    ...(i % 3 === 0 ? { paidMsats: (i + 1) * 1000, paidAt: receivedAt + MIN / 2 } : {}),
    replyRelays: [],
    params: {},
  }
}

const JOBS = Array.from({ length: 60 }, (_, i) => job(i))
const ids = (jobs: JobRecord[]) => jobs.map((j) => j.id)
const matching = (f: (j: JobRecord) => boolean) => JOBS.filter(f)

let db: Database
let queries: JobQueries

beforeEach(async () => {
  db = await openDatabase(`queries-${Math.random()}`)
  // Stored out of time order, so order comes from the index, not from insertion.
  for (const j of [...JOBS].reverse()) await db.put('jobs', j)
  queries = createJobQueries(db, await readStateTally(db))
})

describe('job pages', () => {
  it('pages through every job, newest or oldest first', async () => {
    const first = await queries.page({ offset: 0, limit: 10, order: 'newest' })
    expect(first.total).toBe(60)
    expect(ids(first.jobs)).toEqual(ids(JOBS.slice(50).reverse()))
    const deep = await queries.page({ offset: 55, limit: 10, order: 'newest' })
    expect(ids(deep.jobs)).toEqual(ids(JOBS.slice(0, 5).reverse()))
    const oldest = await queries.page({ offset: 20, limit: 3, order: 'oldest' })
    expect(ids(oldest.jobs)).toEqual(['job-0020', 'job-0021', 'job-0022'])
    expect((await queries.page({ offset: 60, limit: 10, order: 'newest' })).jobs).toEqual([])
  })

  it('filters by status, customer or model, keeping time order', async () => {
    const failed = await queries.page({ offset: 0, limit: 100, order: 'newest', state: 'failed' })
    const expected = matching((j) => j.state === 'failed').reverse()
    expect(failed.total).toBe(expected.length)
    expect(ids(failed.jobs)).toEqual(ids(expected))

    const customer = CUSTOMERS[1]!
    const theirs = await queries.page({ offset: 2, limit: 3, order: 'oldest', customer })
    expect(theirs.total).toBe(20)
    expect(ids(theirs.jobs)).toEqual(ids(matching((j) => j.customer === customer).slice(2, 5)))

    const model = await queries.page({ offset: 0, limit: 100, order: 'oldest', model: MODELS[0] })
    expect(ids(model.jobs)).toEqual(ids(matching((j) => j.model === MODELS[0])))
  })

  it('combines filters', async () => {
    const q = { state: 'completed', customer: CUSTOMERS[0], model: MODELS[0] } as const
    const expected = matching(
      (j) => j.state === q.state && j.customer === q.customer && j.model === q.model,
    )
    expect(expected.length).toBeGreaterThan(1)
    const page = await queries.page({ ...q, offset: 1, limit: 100, order: 'newest' })
    expect(page.total).toBe(expected.length)
    expect(ids(page.jobs)).toEqual(ids([...expected].reverse().slice(1)))
  })

  it('sees a job written after a combined query was answered', async () => {
    const q = { state: 'failed', customer: CUSTOMERS[1], offset: 0, limit: 100 } as const
    const before = await queries.page({ ...q, order: 'newest' })
    const added = { ...job(61), state: 'failed' as const, customer: CUSTOMERS[1]! }
    await db.put('jobs', added)
    queries.noteChange(null, added)
    const after = await queries.page({ ...q, order: 'newest' })
    expect(after.total).toBe(before.total + 1)
    expect(after.jobs[0]?.id).toBe(added.id)
  })

  it('takes a customer by their shortened npub, as the screen shows it', async () => {
    const customer = CUSTOMERS[2]!
    const npub = npubEncode(customer)
    const customerShort = { head: npub.slice(0, 10), tail: npub.slice(-4) }
    const page = await queries.page({ offset: 0, limit: 100, order: 'oldest', customerShort })
    expect(ids(page.jobs)).toEqual(ids(matching((j) => j.customer === customer)))
    const failed = await queries.page({
      offset: 0,
      limit: 100,
      order: 'oldest',
      customerShort,
      state: 'failed',
    })
    expect(ids(failed.jobs)).toEqual(
      ids(matching((j) => j.customer === customer && j.state === 'failed')),
    )
    const wrongTail = { ...customerShort, tail: customerShort.tail === 'qqqq' ? 'pppp' : 'qqqq' }
    expect(
      await queries.page({ offset: 0, limit: 9, order: 'oldest', customerShort: wrongTail }),
    ).toEqual({ total: 0, jobs: [] })
  })

  it('holds back jobs received after a moment, with or without other filters', async () => {
    const receivedUntil = T0 + 29 * MIN
    const all = await queries.page({ offset: 0, limit: 100, order: 'newest', receivedUntil })
    expect(all.total).toBe(30)
    expect(all.jobs[0]?.id).toBe('job-0029')
    const failed = await queries.page({
      offset: 0,
      limit: 100,
      order: 'newest',
      receivedUntil,
      state: 'failed',
    })
    const held = matching((j) => j.state === 'failed' && j.receivedAt <= receivedUntil)
    expect(ids(failed.jobs)).toEqual(ids(held.reverse()))
    expect(failed.total).toBe(held.length)
  })

  it('counts again once another tab wrote, and holds back at the edge of a moment', async () => {
    const others = { ...job(80), id: 'job-other-tab', state: 'failed' as const }
    await db.put('jobs', others)
    const failed = { offset: 0, limit: 1, order: 'newest', state: 'failed' } as const
    expect((await queries.page(failed)).total).toBe(12)
    queries.othersWrote()
    expect((await queries.page(failed)).total).toBe(13)
    expect((await queries.summary()).jobs).toBe(61)
    // Job 26 failed: held back at exactly its time, it counts.
    const edge = await queries.page({ ...failed, receivedUntil: T0 + 26 * MIN })
    expect(edge.total).toBe(matching((j) => j.state === 'failed' && j.id <= 'job-0026').length)
    expect((await queries.page({ ...failed, receivedUntil: Infinity })).total).toBe(13)
  })

  it("keeps its totals from the journal's writes, not from counting the history again", async () => {
    // A job written behind the journal's back is not in the totals; one it is told of is,
    // in the state it moved to.
    await db.put('jobs', { ...job(70), id: 'job-unannounced' })
    const arrived = { ...job(71), id: 'job-new', state: 'queued' as const }
    await db.put('jobs', arrived)
    queries.noteChange(null, arrived)
    const ran = { ...arrived, state: 'completed' as const }
    await db.put('jobs', ran)
    queries.noteChange(arrived, ran)
    const summary = await queries.summary()
    expect(summary.jobs).toBe(61)
    expect(summary.byState.completed).toBe(25)
    expect(summary.byState.queued).toBe(0)
    const completed = { offset: 0, limit: 1, order: 'newest', state: 'completed' } as const
    expect((await queries.page(completed)).total).toBe(25)
    expect((await queries.page({ offset: 0, limit: 1, order: 'newest' })).total).toBe(61)
  })

  it('finds nothing for a customer it has never seen', async () => {
    const page = await queries.page({ offset: 0, limit: 10, order: 'newest', customer: 'f' })
    expect(page).toEqual({ total: 0, jobs: [] })
  })
})

describe('job figures', () => {
  it('counts jobs by state and lists the models that served', async () => {
    const summary = await queries.summary()
    expect(summary.jobs).toBe(60)
    expect(summary.byState.completed).toBe(24)
    expect(summary.byState.failed).toBe(12)
    expect(summary.byState.running).toBe(0)
    expect(summary.firstAt).toBe(T0)
    expect(summary.lastAt).toBe(T0 + 59 * MIN)
    expect(summary.models).toEqual([...MODELS].sort())
  })

  it('has no times for an empty history', async () => {
    const emptyDb = await openDatabase(`empty-${Math.random()}`)
    const empty = createJobQueries(emptyDb, await readStateTally(emptyDb))
    const summary = await empty.summary()
    expect(summary.jobs).toBe(0)
    expect(summary.firstAt).toBeUndefined()
    expect(summary.models).toEqual([])
  })

  it('counts served, failed, earned, owed, awaiting and expired for the engine at start', async () => {
    // A paid job not delivered, or failed and owed, has earned nothing (issue 12).
    const paid = matching((j) => j.paidMsats !== undefined && j.state === 'completed')
    const owed = matching((j) => j.paidMsats !== undefined && j.state !== 'completed')
    const since = T0 + 30 * MIN
    await db.put('jobs', {
      ...job(99),
      id: 'job-awaiting',
      state: 'awaiting-payment',
      priceMsats: 21_000,
    })
    const counts = await createJobStore(db).counts(since)
    expect(counts).toEqual({
      served: 24,
      failed: 12,
      satsEarned: paid.reduce((sum, j) => sum + (j.paidMsats ?? 0) / 1000, 0),
      expired: 12,
      owed: { jobs: owed.length, msats: owed.reduce((sum, j) => sum + (j.paidMsats ?? 0), 0) },
      awaiting: { jobs: 1, msats: 21_000 },
      earnedSince: paid
        .filter((j) => (j.paidAt ?? 0) >= since)
        .map((j) => [j.paidAt, (j.paidMsats ?? 0) / 1000]),
      byState: {
        'awaiting-payment': 1,
        queued: 0,
        running: 0,
        completed: 24,
        failed: 12,
        cancelled: 12,
        expired: 12,
      },
    })
    expect(owed.length).toBeGreaterThan(0)
  })

  it('buckets jobs by arrival and sats earned (paid and delivered) by settlement', async () => {
    const bucket = 10 * MIN
    const s = await queries.series({ from: T0, to: T0 + 60 * MIN, bucketMs: bucket })
    expect(s.bucketMs).toBe(bucket)
    expect(s.jobs).toEqual([10, 10, 10, 10, 10, 10])
    // As the engine counts earnings (issue 12): a paid job that failed has earned nothing.
    const sats = [0, 1, 2, 3, 4, 5].map((b) =>
      matching(
        (j) =>
          j.state === 'completed' &&
          (j.paidAt ?? -1) >= T0 + b * bucket &&
          (j.paidAt ?? -1) < T0 + (b + 1) * bucket,
      )
        .map((j) => (j.paidMsats ?? 0) / 1000)
        .reduce((a, n) => a + n, 0),
    )
    expect(s.sats).toEqual(sats)
    const counts = await createJobStore(db).counts(0)
    expect(s.totals).toEqual({
      jobs: 60,
      byState: (await queries.summary()).byState,
      satsEarned: counts.satsEarned,
    })
  })

  it('keeps closed bars between reads, and reads again a bar a write changed', async () => {
    const span = { from: T0, to: T0 + 60 * MIN, bucketMs: 10 * MIN }
    const first = await queries.series(span)
    const counts = vi.spyOn(IDBIndex.prototype, 'count')
    try {
      expect(await queries.series(span)).toEqual(first)
      expect(counts).not.toHaveBeenCalled()
      // A job received in the first bar after all (a clock set back), and a paid job in it
      // delivered: that bar is read again, the others are kept.
      const late = { ...job(5), id: 'job-late', state: 'queued' as const }
      await db.put('jobs', late)
      queries.noteChange(null, late)
      const paid = { ...late, state: 'completed' as const, paidMsats: 7_000, paidAt: T0 + MIN }
      await db.put('jobs', paid)
      queries.noteChange(late, paid)
      const again = await queries.series(span)
      expect(counts).toHaveBeenCalledTimes(1)
      expect(again.jobs).toEqual([11, ...first.jobs.slice(1)])
      expect(again.sats).toEqual([(first.sats[0] ?? 0) + 7, ...first.sats.slice(1)])
    } finally {
      counts.mockRestore()
    }
  })

  it('counts again the bars that are still open: those that ended less than a minute ago', async () => {
    const recent = createJobQueries(db, await readStateTally(db), {
      now: () => T0 + 60 * MIN + 30_000,
    })
    const span = { from: T0, to: T0 + 60 * MIN, bucketMs: 10 * MIN }
    await recent.series(span)
    const counts = vi.spyOn(IDBIndex.prototype, 'count')
    try {
      await recent.series(span)
      expect(counts).toHaveBeenCalledTimes(1)
    } finally {
      counts.mockRestore()
    }
  })

  it('earns the sats of many paid jobs, delivered or not, as few', async () => {
    const many = await openDatabase(`many-${Math.random()}`)
    const paidJobs = Array.from({ length: 300 }, (_, i) => ({
      ...job(i),
      id: `paid-${i}`,
      state: i % 2 === 0 ? ('completed' as const) : ('failed' as const),
      paidMsats: 2_000,
      paidAt: T0 + i * MIN,
    }))
    for (const j of paidJobs) await many.put('jobs', j)
    const q = createJobQueries(many, await readStateTally(many))
    const s = await q.series({ from: T0, to: T0 + 300 * MIN, bucketMs: 100 * MIN })
    expect(s.sats).toEqual([100, 100, 100])
    expect(s.totals.satsEarned).toBe(300)
  })

  it('follows the filters, with totals that are the sums of its bars', async () => {
    const bucket = 10 * MIN
    const span = { from: T0, to: T0 + 60 * MIN, bucketMs: bucket }
    const customer = CUSTOMERS[0]!
    const cases = [
      { filter: { customer }, match: (j: JobRecord) => j.customer === customer },
      { filter: { state: 'completed' as const }, match: (j: JobRecord) => j.state === 'completed' },
      {
        filter: { customer, model: MODELS[0] },
        match: (j: JobRecord) => j.customer === customer && j.model === MODELS[0],
      },
    ]
    for (const { filter, match } of cases) {
      const s = await queries.series({ ...span, ...filter })
      const theirs = matching(match)
      expect(s.totals.jobs, JSON.stringify(filter)).toBe(theirs.length)
      expect(s.jobs.reduce((a, n) => a + n, 0)).toBe(theirs.length)
      expect(s.totals.byState.completed).toBe(theirs.filter((j) => j.state === 'completed').length)
      expect(s.totals.byState.failed).toBe(theirs.filter((j) => j.state === 'failed').length)
      const earned = theirs
        .filter((j) => j.state === 'completed')
        .reduce((a, j) => a + (j.paidMsats ?? 0) / 1000, 0)
      expect(s.totals.satsEarned).toBe(earned)
      expect(s.sats.reduce((a, n) => a + n, 0)).toBe(earned)
    }
  })

  it('widens buckets rather than making too many', async () => {
    const s = await queries.series({ from: T0, to: T0 + 60 * MIN, bucketMs: 1000 })
    expect(s.jobs.length).toBeLessThanOrEqual(MAX_BUCKETS)
    expect(s.bucketMs % 1000).toBe(0)
    expect(s.jobs.reduce((a, n) => a + n, 0)).toBe(60)
  })
})

describe('the version 2 migration', () => {
  it('indexes jobs stored by version 1', async () => {
    const name = `migrate-${Math.random()}`
    const v1 = await openDB(name, 1, {
      upgrade(old) {
        const jobs = old.createObjectStore('jobs', { keyPath: 'id' })
        jobs.createIndex('receivedAt', 'receivedAt')
        jobs.createIndex('state', 'state')
        old.createObjectStore('kv')
      },
    })
    for (const j of JOBS) await v1.put('jobs', j)
    v1.close()
    const upgradedDb = await openDatabase(name)
    const upgraded = createJobQueries(upgradedDb, await readStateTally(upgradedDb))
    const page = await upgraded.page({ offset: 0, limit: 5, order: 'newest', state: 'failed' })
    expect(page.total).toBe(12)
    expect((await upgraded.summary()).models).toEqual([...MODELS].sort())
  })
})
