/** What the panes read: the history (through its indexes), one job, the log. */
import type { EngineApi } from '../../shared/worker-api.ts'
import type { JobQueries } from '../store/job-queries.ts'
import type { JobStore } from '../store/job-store.ts'
import type { Hub } from './hub.ts'

export type ReadApi = Pick<
  EngineApi,
  'listJobs' | 'queryJobs' | 'jobSummary' | 'jobSeries' | 'getJob' | 'recentLog'
>

export const createReadApi = (d: {
  store: Pick<JobStore, 'list' | 'get'>
  history: Pick<JobQueries, 'page' | 'summary' | 'series'>
  /** Settled sats, kept by the engine as payments settle. */
  satsEarned: () => number
  recentLog: Hub['recentLog']
}): ReadApi => ({
  listJobs: ({ limit, state }) => d.store.list(Math.min(limit, 10_000), state),
  queryJobs: d.history.page,
  jobSummary: async () => ({ ...(await d.history.summary()), satsEarned: d.satsEarned() }),
  jobSeries: d.history.series,
  getJob: async (id) => (await d.store.get(id)) ?? null,
  recentLog: async () => d.recentLog(),
})
