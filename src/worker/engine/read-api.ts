/**
 * What the panes read: the snapshot (and every change after it), the market report, the
 * history (through its indexes), one job, the log.
 */
import type { EngineApi, EngineEvent, EngineSnapshot } from '../../shared/worker-api.ts'
import type { Market } from '../market/market-wiring.ts'
import type { JobQueries } from '../store/job-queries.ts'
import type { JobStore } from '../store/job-store.ts'
import type { Hub } from './hub.ts'

export type ReadApi = Pick<
  EngineApi,
  'snapshot' | 'marketReport' | 'queryJobs' | 'jobSummary' | 'jobSeries' | 'getJob' | 'recentLog'
> & {
  /**
   * Hears every change from now on, in batches (one call, one message to the page, for the
   * events of a few milliseconds), and answers the snapshot they apply to.
   */
  subscribe: (listener: (events: EngineEvent[]) => void) => EngineSnapshot
}

// Short enough that nobody sees it; long enough that a busy engine's events, which come from
// many tasks (every relay frame is one), cross to the page together.
const BATCH_MS = 16

const batched = (listener: (events: EngineEvent[]) => void) => {
  let pending: EngineEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  return (event: EngineEvent) => {
    pending.push(event)
    timer ??= setTimeout(() => {
      timer = undefined
      const events = pending
      pending = []
      // A comlink call to a page that is gone rejects: nothing to do, the worker goes with it.
      void Promise.resolve(listener(events)).catch(() => undefined)
    }, BATCH_MS)
  }
}

export const createReadApi = (d: {
  hub: Pick<Hub, 'snapshot' | 'subscribe' | 'recentLog'>
  market: Pick<Market, 'begin' | 'report'>
  store: Pick<JobStore, 'get'>
  history: Pick<JobQueries, 'page' | 'summary' | 'series'>
}): ReadApi => ({
  subscribe(listener) {
    d.hub.subscribe(batched(listener))
    return d.hub.snapshot()
  },
  snapshot: async () => d.hub.snapshot(),
  marketReport: async () => {
    d.market.begin()
    return d.market.report()
  },
  queryJobs: d.history.page,
  // Settled sats are kept in the snapshot's counts as payments settle.
  jobSummary: async () => ({
    ...(await d.history.summary()),
    satsEarned: d.hub.snapshot().counts.satsEarned,
  }),
  jobSeries: d.history.series,
  getJob: async (id) => (await d.store.get(id)) ?? null,
  recentLog: async () => d.hub.recentLog(),
})
