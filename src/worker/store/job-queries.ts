/**
 * Job History's reads: pages of a filtered, time-sorted history, figures and a series for
 * the chart. Each is answered from an index (counts, key ranges, cursor skips), so none
 * reads every record: a page of 100 at offset 90,000 of 100,000 takes about 0.1 s.
 */
import { unwrap } from 'idb'
import type { JobRecord } from '../../shared/job-state.ts'
import type {
  JobPage,
  JobPageQuery,
  JobSeries,
  JobSeriesQuery,
  JobSummary,
} from '../../shared/worker-api.ts'
import { distinctFirstParts, edgeKey, readPage, request } from './cursor.ts'
import type { Database } from './db.ts'
import {
  clausesKey,
  filterClauses,
  matchingIds,
  singleRange,
  type Clause,
  type TimeIndex,
} from './job-match.ts'
import { createClosedBars } from './closed-bars.ts'
import { jobSeries } from './job-series.ts'
import { readStateTally, type StateTally } from './state-tally.ts'

export const MAX_PAGE = 5000
/** A chart has no use for more points than a screen has pixels. */
export const MAX_BUCKETS = 1000

export interface JobQueries {
  page(q: JobPageQuery): Promise<JobPage>
  /** Everything but the sats, which the engine keeps as payments settle. */
  summary(): Promise<Omit<JobSummary, 'satsEarned'>>
  series(q: JobSeriesQuery): Promise<JobSeries>
  /**
   * The journal wrote a job (`before` null when it is new): the totals move with it and cached
   * answers are stale. Every write of this engine must be told here.
   */
  noteChange(before: JobRecord | null, after: JobRecord): void
  /** Another tab's engine wrote jobs: totals and kept bars are counted again when next asked. */
  othersWrote(): void
}

const clamp = (n: number, lo: number, hi: number) =>
  Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.floor(n) : lo))

/**
 * `tally` holds each state's count (state-tally.ts): totals come from it, and a count is only
 * taken of the newest jobs a query holds back, never of the whole history. The unfiltered
 * chart keeps its closed bars (closed-bars.ts) and counts only the open ones.
 */
export const createJobQueries = (
  db: Database,
  atStart: StateTally,
  o: { now?: () => number; onChange?: () => void } = {},
): JobQueries => {
  const now = o.now ?? Date.now
  const closedBars = createClosedBars()
  // Bumped on every write; a cached answer from an older generation is never used.
  let generation = 0
  let tally: StateTally | null = atStart
  /** The tally, counted again after another tab wrote (kept unless a write came meanwhile). */
  const counts = async (): Promise<StateTally> => {
    if (tally !== null) return tally
    const at = generation
    const fresh = await readStateTally(db)
    if (at === generation) tally = fresh
    return fresh
  }
  let matched: { key: string; generation: number; ids: string[] } | null = null

  const jobsStore = () => unwrap(db.transaction('jobs').store)

  /** Several filters: intersect each filter's ids (keys only, no records read). */
  const cachedIds = async (clauses: Clause[]): Promise<string[]> => {
    const key = clausesKey(clauses)
    if (matched?.key === key && matched.generation === generation) return matched.ids
    const at = generation
    const ids = await matchingIds(jobsStore, clauses)
    if (at === generation) matched = { key, generation: at, ids }
    return ids
  }

  const page: JobQueries['page'] = async (q) => {
    const offset = clamp(q.offset, 0, Number.MAX_SAFE_INTEGER)
    const limit = clamp(q.limit, 0, MAX_PAGE)
    const direction = q.order === 'oldest' ? 'next' : 'prev'
    const clauses = await filterClauses(jobsStore, q)
    if (clauses === null) return { total: 0, jobs: [] }
    const single = clauses.length === 0 ? (['receivedAt', null] as const) : singleRange(clauses)
    if (single !== null) {
      const index = jobsStore().index(single[0])
      const range = single[1]
      const [total, jobs] = await Promise.all([
        totalOf(q, single[0], index, range),
        readPage<JobRecord>(index, range, direction, offset, limit),
      ])
      return { total, jobs }
    }
    const ids = await cachedIds(clauses)
    const ordered = direction === 'next' ? ids : [...ids].reverse()
    const wanted = ordered.slice(offset, offset + limit)
    const store = jobsStore()
    const jobs = await Promise.all(wanted.map((id) => request(store.get(id))))
    return { total: ids.length, jobs: jobs.filter((j): j is JobRecord => j !== undefined) }
  }

  /**
   * A single range's count. With no filter but the status (or none), the tally's count less
   * the jobs received after the moment the query holds back, if any: the newest jobs only.
   */
  const totalOf = async (
    q: JobPageQuery,
    name: TimeIndex,
    index: IDBIndex,
    range: IDBKeyRange | null,
  ) => {
    // A customer or a model: the tally does not know them.
    if (name !== 'receivedAt' && name !== 'state-time')
      return request(index.count(range ?? undefined))
    const tally = await counts()
    const all = q.state === undefined ? tally.total() : (tally.byState()[q.state] ?? 0)
    const until = q.receivedUntil
    if (until === undefined || until === Infinity) return all
    const later =
      q.state === undefined
        ? IDBKeyRange.lowerBound(until, true)
        : IDBKeyRange.bound([q.state, until], [q.state, Infinity], true, false)
    return all - (await request(index.count(later)))
  }

  const summary: JobQueries['summary'] = async () => {
    const store = jobsStore()
    const byTime = store.index('receivedAt')
    const [first, last, models] = await Promise.all([
      edgeKey(byTime, 'next'),
      edgeKey(byTime, 'prev'),
      distinctFirstParts(store.index('model-time')),
    ])
    const tally = await counts()
    return {
      jobs: tally.total(),
      byState: tally.byState(),
      ...(typeof first === 'number' ? { firstAt: first } : {}),
      ...(typeof last === 'number' ? { lastAt: last } : {}),
      models,
    }
  }

  const series: JobQueries['series'] = async (q) => {
    let size = clamp(q.bucketMs, 1000, Number.MAX_SAFE_INTEGER)
    const span = Math.max(0, q.to - q.from)
    // Too fine for the range: widen by a whole factor so buckets still line up with `from`.
    if (span / size > MAX_BUCKETS) size *= Math.ceil(span / size / MAX_BUCKETS)
    const clauses = await filterClauses(jobsStore, q)
    const ids = clauses === null ? [] : clauses.length === 0 ? null : await cachedIds(clauses)
    const within = { from: q.from, to: q.to, bucketMs: size, state: q.state }
    return jobSeries(
      jobsStore,
      within,
      ids === null ? { all: (await counts()).byState(), closed: closedBars, now: now() } : { ids },
    )
  }

  return {
    page,
    summary,
    series,
    noteChange(before, after) {
      generation++
      tally?.note(before, after)
      closedBars.note(before, after)
      o.onChange?.()
    },
    othersWrote() {
      generation++
      tally = null
      closedBars.clear()
    },
  }
}
