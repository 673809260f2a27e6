/**
 * The chart's series and the figures beside it, in one read so they always agree: jobs
 * received per bucket, sats earned per bucket (paid and delivered, by when paid), and the
 * totals of the jobs the filter matched.
 */
import { JOB_STATES, type JobState } from '../../shared/job-state.ts'
import type { JobSeries } from '../../shared/worker-api.ts'
import type { ClosedBars } from './closed-bars.ts'
import { eachKey, request } from './cursor.ts'
import { statesAmong } from './state-tally.ts'
import type { JobsStore } from './job-match.ts'

export interface SeriesSpan {
  from: number
  to: number
  /** Already widened to at most MAX_BUCKETS buckets. */
  bucketMs: number
  /** The status filter, when there is one: every matched job is in it. */
  state?: JobState | undefined
}

/** The matched jobs' count per state; only the filtered case reads anything. */
const byStateOf = async (
  store: JobsStore,
  ids: Set<string>,
  only: JobState | undefined,
): Promise<Record<JobState, number>> => {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>
  if (only !== undefined) {
    counts[only] = ids.size
    return counts
  }
  // Several filters without a status: each state's ids, counted where they meet the match.
  const state = () => store().index('state')
  const lists = await Promise.all(JOB_STATES.map((s) => request(state().getAllKeys(s))))
  JOB_STATES.forEach((s, i) => {
    for (const id of lists[i] as string[]) if (ids.has(id)) counts[s]++
  })
  return counts
}

/** Which of these jobs are completed (delivered). */
const completedAmong = async (store: JobsStore, ids: string[]): Promise<Set<string>> =>
  new Set((await statesAmong(store, ids, ['completed'])).keys() as Iterable<string>)

interface Paid {
  id: string
  at: number
  sats: number
}

/** Paid jobs in the window (by when paid), of those matched if a filter is set. */
const paidIn = async (store: JobsStore, range: IDBKeyRange, matched: Set<string> | null) => {
  const paid: Paid[] = []
  await eachKey(store().index('paid'), range, (key, id) => {
    const [at, msats] = key as [number, number]
    if (matched === null || matched.has(id as string))
      paid.push({ id: id as string, at, sats: Math.floor(msats / 1000) })
  })
  return paid
}

/** Sats per bar from paid jobs: only those delivered count, as the engine counts earnings. */
const satsOf = (
  paid: Paid[],
  completed: Set<string>,
  bars: number[],
  barOf: (at: number) => number,
) => {
  for (const p of paid) {
    const i = barOf(p.at)
    if (completed.has(p.id) && i >= 0 && i < bars.length) bars[i] = (bars[i] ?? 0) + p.sats
  }
}

interface Bars {
  from: number
  size: number
  count: number
  end: number
  barOf: (at: number) => number
}

const barsOf = ({ from, to, bucketMs: size }: SeriesSpan): Bars => {
  const count = Math.max(1, Math.ceil(Math.max(0, to - from) / size))
  return {
    from,
    size,
    count,
    end: from + count * size,
    barOf: (at) => Math.floor((at - from) / size),
  }
}

const paidRange = (from: number, end: number) =>
  IDBKeyRange.bound([from, -Infinity], [end, -Infinity], false, true)

/** Every job: each bar one index count, or kept from an earlier read once closed. */
const everyJob = async (store: JobsStore, b: Bars, closed: ClosedBars, now: number) => {
  const keep = closed.begin(now)
  const starts = Array.from({ length: b.count }, (_, i) => b.from + i * b.size)
  const counted = Promise.all(
    starts.map(async (start) => {
      const kept = closed.get('jobs', start, b.size)
      if (kept !== undefined) return kept
      const range = IDBKeyRange.bound(start, start + b.size, false, true)
      const n = await request(store().index('receivedAt').count(range))
      keep('jobs', start, b.size, n)
      return n
    }),
  )
  const keptSats = starts.map((start) => closed.get('sats', start, b.size))
  const sats = keptSats.map((n) => n ?? 0)
  // From the first bar not kept to the end: one walk over those payments.
  const open = keptSats.indexOf(undefined)
  if (open >= 0) {
    const paid = await paidIn(store, paidRange(starts[open] ?? b.end, b.end), null)
    const completed = await completedAmong(
      store,
      paid.map((p) => p.id),
    )
    const found = new Array<number>(b.count).fill(0)
    satsOf(paid, completed, found, b.barOf)
    for (let i = open; i < b.count; i++) {
      sats[i] = found[i] ?? 0
      keep('sats', starts[i] ?? 0, b.size, sats[i] ?? 0)
    }
  }
  return { jobs: await counted, sats }
}

/** The jobs a filter matched: their keys walked once, their payments once. */
const matchedJobs = async (store: JobsStore, b: Bars, matched: Set<string>, state?: JobState) => {
  const jobs = new Array<number>(b.count).fill(0)
  const walked = eachKey(
    store().index('receivedAt'),
    IDBKeyRange.bound(b.from, b.end, false, true),
    (at, id) => {
      const i = b.barOf(at as number)
      if (matched.has(id as string) && i >= 0 && i < b.count) jobs[i] = (jobs[i] ?? 0) + 1
    },
  )
  const paid = await paidIn(store, paidRange(b.from, b.end), matched)
  const completed =
    state === undefined
      ? await completedAmong(
          store,
          paid.map((p) => p.id),
        )
      : new Set(state === 'completed' ? paid.map((p) => p.id) : [])
  const sats = new Array<number>(b.count).fill(0)
  satsOf(paid, completed, sats, b.barOf)
  await walked
  return { jobs, sats }
}

/**
 * `jobsOf`: every job, with each state's count (the tally's) and the bars kept so far, or the
 * ids a filter matched.
 */
export const jobSeries = async (
  store: JobsStore,
  span: SeriesSpan,
  jobsOf: { all: Record<JobState, number>; closed: ClosedBars; now: number } | { ids: string[] },
): Promise<JobSeries> => {
  const b = barsOf(span)
  const answer = (
    byState: Record<JobState, number>,
    { jobs, sats }: { jobs: number[]; sats: number[] },
    total = JOB_STATES.reduce((n, s) => n + byState[s], 0),
  ): JobSeries => ({
    from: b.from,
    bucketMs: b.size,
    jobs,
    sats,
    totals: { jobs: total, byState, satsEarned: sats.reduce((a, n) => a + n, 0) },
  })
  if ('all' in jobsOf)
    return answer(jobsOf.all, await everyJob(store, b, jobsOf.closed, jobsOf.now))
  const matched = new Set(jobsOf.ids)
  const [byState, bars] = await Promise.all([
    byStateOf(store, matched, span.state),
    matchedJobs(store, b, matched, span.state),
  ])
  return answer(byState, bars, matched.size)
}
