import { useCallback, useEffect, useState } from 'react'
import type { JobFilter, JobOrder } from '../../../shared/worker-api.ts'
import { getEngine } from '../../worker-client.ts'
import { holdUntil, type Hold } from './held-jobs.ts'
import type { JobPages } from './job-pages.ts'
import { useJobChanges } from './use-job-changes.ts'

export interface HeldJobs {
  /** Jobs that arrived while held back. */
  count: number
  /** Show them: the table reads again and holds again from now. */
  show: () => void
}

/**
 * Holds arrivals back while `interacting` (see held-jobs.ts). The hold is read by the pages'
 * fetch, so starting to hold changes no row (the held list is the one shown) and reads
 * nothing again; only letting go or showing the new jobs does.
 */
export const useHeldJobs = (
  pages: JobPages,
  hold: Hold,
  filter: JobFilter,
  order: JobOrder,
  interacting: boolean,
): HeldJobs => {
  // The count belongs to one hold: once it moves or ends, the count shown is 0.
  const [held, setHeld] = useState<{ count: number; until: number | null }>({
    count: 0,
    until: null,
  })
  useEffect(() => {
    const next = holdUntil({
      held: hold.until(),
      interacting,
      order,
      newestShown: pages.jobAt(0)?.receivedAt,
      now: Date.now(),
    })
    if (next === hold.until()) return
    const released = next === null
    hold.set(next)
    if (released) pages.refresh()
  }, [pages, hold, interacting, order])

  const countHeld = useCallback(() => {
    const until = hold.until()
    if (until === null) return
    void getEngine()
      .queryJobs({ ...filter, order, offset: 0, limit: 0 })
      .then(
        (live) => {
          if (hold.until() === until)
            setHeld({ until, count: Math.max(0, live.total - (pages.total() ?? 0)) })
        },
        // The table shows its own read errors; a count that could not be read shows nothing.
        () => undefined,
      )
  }, [filter, order, pages, hold])
  useJobChanges(countHeld, 500)

  const show = useCallback(() => {
    hold.set(Date.now())
    setHeld({ count: 0, until: null })
    pages.refresh()
  }, [pages, hold])
  return { count: held.until !== null && held.until === hold.until() ? held.count : 0, show }
}
