import { useVirtualizer } from '@tanstack/react-virtual'
import { useAtom } from 'jotai'
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react'
import type { JobFilter, JobOrder } from '../../../shared/worker-api.ts'
import { useNow } from '../../components/use-now.ts'
import { formatCount } from '../../format.ts'
import { selectedJobAtom } from './history-atoms.ts'
import type { JobPages } from './job-pages.ts'
import type { Hold } from './held-jobs.ts'
import { COLUMNS, JobRow, PendingRow } from './job-row.tsx'
import { rovingRow, tabStopRow } from './roving-row.ts'
import { useHeldJobs } from './use-held-jobs.ts'
import { useInteracting } from './use-interacting.ts'

/** A row's height in pixels (tables.css). */
export const ROW_HEIGHT = 33

interface JobTableProps {
  pages: JobPages
  /** Jobs received after it are held back (the pages' fetch reads it). */
  hold: Hold
  filter: JobFilter
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
 * jobs scroll as smoothly as ten. Rows arrive a page at a time from the engine. The table is
 * one Tab stop; the arrow keys, Home, End and Page keys move between rows, Enter opens one.
 */
export const JobTable = ({ pages, hold, filter, order, onOrder, filtered }: JobTableProps) => {
  const scroller = useRef<HTMLDivElement>(null)
  useSyncExternalStore(pages.subscribe, pages.version)
  const total = pages.total()
  const [selected, setSelected] = useAtom(selectedJobAtom)
  const [active, setActive] = useState(0)
  const focusWanted = useRef<number | null>(null)
  // Re-render once a minute so "today" times roll over to dates.
  const now = useNow(true, 60_000)
  const interaction = useInteracting(scroller)
  const held = useHeldJobs(pages, hold, filter, order, interaction.now || selected !== null)

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
    setActive(0)
  }, [pages])
  // The row the keys moved to takes the focus once it is drawn (it may have been out of view).
  useEffect(() => {
    const want = focusWanted.current
    if (want === null) return
    const button = scroller.current?.querySelector<HTMLElement>(`button[data-row="${want}"]`)
    if (!button) return
    focusWanted.current = null
    button.focus()
  })

  const open = useCallback(
    (id: string, index: number) => {
      setActive(index)
      setSelected((current) => (current === id ? null : id))
    },
    [setSelected],
  )

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const row = (e.target as HTMLElement).closest('[data-row]')
    if (row === null || total === null || e.altKey || e.ctrlKey || e.metaKey) return
    const onScreen = Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1
    const next = rovingRow(active, e.key, total, onScreen)
    if (next === null) return
    e.preventDefault()
    setActive(next)
    focusWanted.current = next
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const showNew = () => {
    held.show()
    scroller.current?.scrollTo({ top: 0 })
  }

  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  const newest = order === 'newest'
  const error = pages.error()
  const stop = tabStopRow(
    active,
    items.map((i) => i.index),
  )
  return (
    <div className="job-table-area" {...interaction.handlers}>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {held.count > 0 && (
        <button type="button" className="small new-jobs" onClick={showNew}>
          Show {formatCount(held.count)} new {held.count === 1 ? 'job' : 'jobs'}
        </button>
      )}
      <div className="table-wrap job-table" ref={scroller}>
        <table
          className="jobs"
          aria-rowcount={total === null ? -1 : total + 1}
          aria-describedby="job-table-keys"
          onKeyDown={onKeyDown}
        >
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
              <th scope="col">Prompt</th>
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
                    selected={selected === job.id}
                    tabStop={stop === item.index}
                    onOpen={open}
                    onFocusRow={setActive}
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
      <p id="job-table-keys" className="help-line">
        Up and Down move between jobs, Enter shows one, Escape closes it.
      </p>
    </div>
  )
}
