/** What the panes read: the history (through its indexes), one job, the log. */
import type { EngineApi } from '../../shared/worker-api.ts'
import type { JobQueries } from '../store/job-queries.ts'
import type { JobStore } from '../store/job-store.ts'
import type { Hub } from './hub.ts'

export type ReadApi = Pick<
  EngineApi,
  'queryJobs' | 'jobSummary' | 'jobSeries' | 'getJob' | 'recentLog'
>

export const createReadApi = (d: {
  store: Pick<JobStore, 'get'>
  history: Pick<JobQueries, 'page' | 'summary' | 'series'>
  /** Settled sats, kept by the engine as payments settle. */
  satsEarned: () => number
  recentLog: Hub['recentLog']
}): ReadApi => ({
  queryJobs: d.history.page,
  jobSummary: async () => ({ ...(await d.history.summary()), satsEarned: d.satsEarned() }),
  jobSeries: d.history.series,
  getJob: async (id) => (await d.store.get(id)) ?? null,
  recentLog: async () => d.recentLog(),
})
