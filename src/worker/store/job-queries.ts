/**
 * Job History's reads: pages of a filtered, time-sorted history, figures and a series for
 * the chart. Each is answered from an index (counts, key ranges, cursor skips), so none
 * reads every record: a page of 100 at offset 90,000 of 100,000 takes about 0.1 s.
 */
import { unwrap } from 'idb'
import { JOB_STATES, type JobRecord, type JobState } from '../../shared/job-state.ts'
import type {
  JobFilter,
  JobPage,
  JobPageQuery,
  JobSeries,
  JobSeriesQuery,
  JobSummary,
} from '../../shared/worker-api.ts'
import { distinctFirstParts, eachKey, edgeKey, readPage, request } from './cursor.ts'
import type { Database } from './db.ts'

export const MAX_PAGE = 5000
/** A chart has no use for more points than a screen has pixels. */
export const MAX_BUCKETS = 1000

export interface JobQueries {
  page(q: JobPageQuery): Promise<JobPage>
  /** Everything but the sats, which the engine keeps as payments settle. */
  summary(): Promise<Omit<JobSummary, 'satsEarned'>>
  series(q: JobSeriesQuery): Promise<JobSeries>
  /** Any job was written: cached answers are stale. */
  noteChange(): void
}

type FilterIndex = 'state-time' | 'customer-time' | 'model-time'

const filterRanges = (f: JobFilter): [FilterIndex, IDBKeyRange][] => {
  const around = (v: string) => IDBKeyRange.bound([v, -Infinity], [v, Infinity])
  const ranges: [FilterIndex, IDBKeyRange][] = []
  if (f.state !== undefined) ranges.push(['state-time', around(f.state)])
  if (f.customer !== undefined) ranges.push(['customer-time', around(f.customer)])
  if (f.model !== undefined) ranges.push(['model-time', around(f.model)])
  return ranges
}

/** Ids in all lists, in the order of the shortest (each list is in time order). */
const intersect = (lists: string[][]): string[] => {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length)
  if (!shortest) return []
  const sets = rest.map((l) => new Set(l))
  return shortest.filter((id) => sets.every((s) => s.has(id)))
}

const clamp = (n: number, lo: number, hi: number) =>
  Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.floor(n) : lo))

export const createJobQueries = (db: Database): JobQueries => {
  // Bumped on every write; a cached answer from an older generation is never used.
  let generation = 0
  let matched: { key: string; generation: number; ids: string[] } | null = null

  const jobsStore = () => unwrap(db.transaction('jobs').store)

  /** Several filters: intersect each filter's ids (keys only, no records read). */
  const matchingIds = async (ranges: [FilterIndex, IDBKeyRange][]): Promise<string[]> => {
    const key = JSON.stringify(ranges.map(([name, r]) => [name, r.lower]))
    if (matched?.key === key && matched.generation === generation) return matched.ids
    const at = generation
    const store = jobsStore()
    const lists = await Promise.all(
      ranges.map(([name, range]) => request(store.index(name).getAllKeys(range))),
    )
    const ids = intersect(lists as string[][])
    if (at === generation) matched = { key, generation: at, ids }
    return ids
  }

  const page: JobQueries['page'] = async (q) => {
    const offset = clamp(q.offset, 0, Number.MAX_SAFE_INTEGER)
    const limit = clamp(q.limit, 0, MAX_PAGE)
    const direction = q.order === 'oldest' ? 'next' : 'prev'
    const ranges = filterRanges(q)
    const [only] = ranges
    if (ranges.length <= 1) {
      const store = jobsStore()
      const index = store.index(only?.[0] ?? 'receivedAt')
      const range = only?.[1] ?? null
      const [total, jobs] = await Promise.all([
        request(index.count(range ?? undefined)),
        readPage<JobRecord>(index, range, direction, offset, limit),
      ])
      return { total, jobs }
    }
    const ids = await matchingIds(ranges)
    const ordered = direction === 'next' ? ids : [...ids].reverse()
    const wanted = ordered.slice(offset, offset + limit)
    const store = jobsStore()
    const jobs = await Promise.all(wanted.map((id) => request(store.get(id))))
    return { total: ids.length, jobs: jobs.filter((j): j is JobRecord => j !== undefined) }
  }

  const summary: JobQueries['summary'] = async () => {
    const store = jobsStore()
    const byTime = store.index('receivedAt')
    const state = store.index('state')
    const [jobs, counts, first, last, models] = await Promise.all([
      request(store.count()),
      Promise.all(JOB_STATES.map((s) => request(state.count(s)))),
      edgeKey(byTime, 'next'),
      edgeKey(byTime, 'prev'),
      distinctFirstParts(store.index('model-time')),
    ])
    const byState = Object.fromEntries(JOB_STATES.map((s, i) => [s, counts[i] ?? 0])) as Record<
      JobState,
      number
    >
    return {
      jobs,
      byState,
      ...(typeof first === 'number' ? { firstAt: first } : {}),
      ...(typeof last === 'number' ? { lastAt: last } : {}),
      models,
    }
  }

  const series: JobQueries['series'] = async ({ from, to, bucketMs }) => {
    let size = clamp(bucketMs, 1000, Number.MAX_SAFE_INTEGER)
    const span = Math.max(0, to - from)
    // Too fine for the range: widen by a whole factor so buckets still line up with `from`.
    if (span / size > MAX_BUCKETS) size *= Math.ceil(span / size / MAX_BUCKETS)
    const buckets = Math.max(1, Math.ceil(span / size))
    const end = from + buckets * size
    const store = jobsStore()
    const byTime = store.index('receivedAt')
    // One count per bucket: the index counts, no record is read.
    const jobsPromise = Promise.all(
      Array.from({ length: buckets }, (_, i) =>
        request(
          byTime.count(IDBKeyRange.bound(from + i * size, from + (i + 1) * size, false, true)),
        ),
      ),
    )
    const msats = new Array<number>(buckets).fill(0)
    // Earnings by when they settled: the paid index holds [paidAt, paidMsats] as its key.
    const paidRange = IDBKeyRange.bound([from, -Infinity], [end, -Infinity], false, true)
    const paidPromise = eachKey(store.index('paid'), paidRange, (key) => {
      const [at, amount] = key as [number, number]
      const i = Math.floor((at - from) / size)
      if (i >= 0 && i < buckets) msats[i] = (msats[i] ?? 0) + amount
    })
    const [jobs] = await Promise.all([jobsPromise, paidPromise])
    return { from, bucketMs: size, jobs, sats: msats.map((m) => m / 1000) }
  }

  return {
    page,
    summary,
    series,
    noteChange() {
      generation++
    },
  }
}
