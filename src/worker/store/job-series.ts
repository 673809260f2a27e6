/**
 * The chart's series and the figures beside it, in one read so they always agree: jobs
 * received per bucket, sats earned per bucket (paid and delivered, by when paid), and the
 * totals of the jobs the filter matched.
 */
import { JOB_STATES, type JobState } from '../../shared/job-state.ts'
import type { JobSeries } from '../../shared/worker-api.ts'
import { eachKey, request } from './cursor.ts'
import type { JobsStore } from './job-match.ts'

export interface SeriesSpan {
  from: number
  to: number
  /** Already widened to at most MAX_BUCKETS buckets. */
  bucketMs: number
  /** The status filter, when there is one: every matched job is in it. */
  state?: JobState | undefined
}

const byStateOf = async (
  store: JobsStore,
  ids: Set<string> | null,
  only: JobState | undefined,
): Promise<{ byState: Record<JobState, number>; completed: Set<string> }> => {
  const state = () => store().index('state')
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>
  if (ids !== null && only !== undefined) {
    counts[only] = ids.size
    return { byState: counts, completed: only === 'completed' ? ids : new Set() }
  }
  if (ids === null) {
    const [all, completed] = await Promise.all([
      Promise.all(JOB_STATES.map((s) => request(state().count(s)))),
      request(state().getAllKeys('completed')),
    ])
    JOB_STATES.forEach((s, i) => (counts[s] = all[i] ?? 0))
    return { byState: counts, completed: new Set(completed as string[]) }
  }
  // Several filters without a status: each state's ids, counted where they meet the match.
  const lists = await Promise.all(JOB_STATES.map((s) => request(state().getAllKeys(s))))
  const completed = new Set<string>()
  JOB_STATES.forEach((s, i) => {
    for (const id of lists[i] as string[]) {
      if (!ids.has(id)) continue
      counts[s]++
      if (s === 'completed') completed.add(id)
    }
  })
  return { byState: counts, completed }
}

/** `ids`: the jobs the filter matched, or null for every job. */
export const jobSeries = async (
  store: JobsStore,
  { from, to, bucketMs: size, state }: SeriesSpan,
  ids: string[] | null,
): Promise<JobSeries> => {
  const buckets = Math.max(1, Math.ceil(Math.max(0, to - from) / size))
  const end = from + buckets * size
  const matched = ids === null ? null : new Set(ids)
  const bucketOf = (at: number) => Math.floor((at - from) / size)
  const jobs = new Array<number>(buckets).fill(0)
  const window = IDBKeyRange.bound(from, end, false, true)
  const jobsRead =
    matched === null
      ? // One count per bucket: the index counts, no record is read.
        Promise.all(
          jobs.map((_, i) =>
            request(
              store()
                .index('receivedAt')
                .count(IDBKeyRange.bound(from + i * size, from + (i + 1) * size, false, true)),
            ).then((n) => (jobs[i] = n)),
          ),
        )
      : eachKey(store().index('receivedAt'), window, (at, id) => {
          const i = bucketOf(at as number)
          if (matched.has(id as string) && i >= 0 && i < buckets) jobs[i] = (jobs[i] ?? 0) + 1
        })
  const [{ byState, completed }] = await Promise.all([byStateOf(store, matched, state), jobsRead])
  // Earned as the engine counts it: whole sats per job, only once the job was delivered.
  const sats = new Array<number>(buckets).fill(0)
  const paidRange = IDBKeyRange.bound([from, -Infinity], [end, -Infinity], false, true)
  await eachKey(store().index('paid'), paidRange, (key, id) => {
    const [at, msats] = key as [number, number]
    const i = bucketOf(at)
    if (completed.has(id as string) && i >= 0 && i < buckets)
      sats[i] = (sats[i] ?? 0) + Math.floor(msats / 1000)
  })
  const total = matched?.size ?? JOB_STATES.reduce((n, s) => n + byState[s], 0)
  return {
    from,
    bucketMs: size,
    jobs,
    sats,
    totals: { jobs: total, byState, satsEarned: sats.reduce((a, n) => a + n, 0) },
  }
}
