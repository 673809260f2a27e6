import { useVirtualizer } from '@tanstack/react-virtual'
import { useAtom } from 'jotai'
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { JobOrder } from '../../../shared/worker-api.ts'
import { useNow } from '../../components/use-now.ts'
import { formatCount } from '../../format.ts'
import { openJobsAtom } from './history-atoms.ts'
import type { JobPages } from './job-pages.ts'
import { COLUMNS, JobRow, PendingRow } from './job-row.tsx'

/** A closed row's height in pixels (tables.css); open rows are measured. */
export const ROW_HEIGHT = 33

interface JobTableProps {
  pages: JobPages
  order: JobOrder
  onOrder: (order: JobOrder) => void
  filtered: boolean
}

/** Space for the rows above and below those drawn, so the scrollbar covers every job. */
const Spacer = ({ height }: { height: number }) =>
  height > 0 ? (
    <tbody aria-hidden="true">
      <tr className="spacer">
        <td colSpan={COLUMNS} style={{ height }} />
      </tr>
    </tbody>
  ) : null

/**
 * Every job matching the filters, in one table that draws only the rows in view: 100,000
 * jobs scroll as smoothly as ten. Rows arrive a page at a time from the engine.
 */
export const JobTable = ({ pages, order, onOrder, filtered }: JobTableProps) => {
  const scroller = useRef<HTMLDivElement>(null)
  useSyncExternalStore(pages.subscribe, pages.version)
  const total = pages.total()
  const [openIds, setOpenIds] = useAtom(openJobsAtom)
  // Re-render once a minute so "today" times roll over to dates.
  const now = useNow(true, 60_000)

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component as it scrolls
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => {
    pages.want(first, last)
  }, [pages, first, last])
  useEffect(() => {
    // Other filters, another list: start from its top. (Braces: this Chromium's scrollTo
    // returns a promise, which React would take for a cleanup function.)
    scroller.current?.scrollTo({ top: 0 })
  }, [pages])

  const toggle = useCallback(
    (id: string) =>
      setOpenIds((open) => {
        const next = new Set(open)
        if (!next.delete(id)) next.add(id)
        return next
      }),
    [setOpenIds],
  )

  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  const newest = order === 'newest'
  const error = pages.error()
  return (
    <>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap job-table" ref={scroller}>
        <table className="jobs" aria-rowcount={total === null ? -1 : total + 1}>
          <caption className="visually-hidden">
            {total === null ? 'Jobs' : `${formatCount(total)} jobs`}, {newest ? 'newest' : 'oldest'}{' '}
            first
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" aria-sort={newest ? 'descending' : 'ascending'}>
                <button
                  type="button"
                  className="sort"
                  title={
                    newest ? 'Newest first: show oldest first' : 'Oldest first: show newest first'
                  }
                  onClick={() => onOrder(newest ? 'oldest' : 'newest')}
                >
                  Time<span aria-hidden="true">{newest ? ' ↓' : ' ↑'}</span>
                </button>
              </th>
              <th scope="col">Job</th>
              <th scope="col">Customer</th>
              <th scope="col">Model</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Sats
              </th>
            </tr>
          </thead>
          <Spacer height={top} />
          {items.map((item) => {
            const job = pages.jobAt(item.index)
            return (
              <tbody
                // By position: while pages refresh, one job can briefly be on two of them.
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
              >
                {job ? (
                  <JobRow
                    job={job}
                    index={item.index}
                    now={now}
                    open={openIds.has(job.id)}
                    onToggle={toggle}
                  />
                ) : (
                  <PendingRow index={item.index} />
                )}
              </tbody>
            )
          })}
          <Spacer height={bottom} />
          {(total === null || total === 0) && (
            <tbody>
              <tr>
                <td colSpan={COLUMNS} className="empty">
                  {total === null
                    ? 'Reading the history…'
                    : filtered
                      ? 'No jobs match these filters.'
                      : 'No jobs yet. Go Online in Sell Compute and requests will show up here.'}
                </td>
              </tr>
            </tbody>
          )}
        </table>
      </div>
    </>
  )
}
