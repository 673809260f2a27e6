import { useAtom, useAtomValue } from 'jotai'
import { lazy, Suspense, useMemo } from 'react'
import { parseCustomer } from '../../../shared/customer-key.ts'
import { getEngine } from '../../worker-client.ts'
import { ExportButtons } from './export-buttons.tsx'
import {
  chartOpenAtom,
  historyQueryAtom,
  historyViewAtom,
  jobSummaryAtom,
  selectedJobAtom,
} from './history-atoms.ts'
import { createHold } from './held-jobs.ts'
import { JobDetailsPanel } from './job-details-panel.tsx'
import { JobFilters } from './job-filters.tsx'
import { createJobPages } from './job-pages.ts'
import { JobSummary } from './job-summary.tsx'
import { JobTable } from './job-table.tsx'
import { useHistoryFigures } from './use-history-figures.ts'
import { useJobChanges } from './use-job-changes.ts'

// The chart library loads only when a chart is drawn.
const JobsChart = lazy(() => import('./jobs-chart.tsx').then((m) => ({ default: m.JobsChart })))

/** Every job this provider has seen: figures, a chart, filters, the table and one job's details. */
export const JobHistoryPane = () => {
  const [view, setView] = useAtom(historyViewAtom)
  const [chartOpen, setChartOpen] = useAtom(chartOpenAtom)
  const selected = useAtomValue(selectedJobAtom)
  const { summary, error } = useAtomValue(jobSummaryAtom)
  const customer = parseCustomer(view.customerText)
  const { filter, order } = useAtomValue(historyQueryAtom)
  const filtered = Object.keys(filter).length > 0
  // The rows fetched so far: the UI's only copy of any job, read again as jobs change. Jobs
  // received after the hold wait behind "Show N new jobs" (see held-jobs.ts).
  const { pages, hold } = useMemo(() => {
    const hold = createHold()
    const pages = createJobPages({
      fetchPage: (offset, limit) => {
        const until = hold.until()
        return getEngine().queryJobs({
          ...filter,
          ...(until === null ? {} : { receivedUntil: until }),
          order,
          offset,
          limit,
        })
      },
    })
    return { pages, hold }
  }, [filter, order])
  useJobChanges(pages.refresh, 500)
  // With a filter or the chart, the figures come with the chart's bars, so both agree.
  const figures = useHistoryFigures(filter, summary?.firstAt, chartOpen || filtered)
  const totals = chartOpen || filtered ? (figures.figures?.series.totals ?? null) : undefined

  return (
    <div className={`job-history-layout${selected === null ? '' : ' with-details'}`}>
      <div className="stack fill job-history">
        <JobSummary summary={summary} totals={summary?.jobs === 0 ? summary : totals} />
        {filtered && (
          <p className="help-line summary-note">Figures for the jobs these filters match.</p>
        )}
        {(error ?? (chartOpen ? null : figures.error)) !== null && (
          <p className="error">{error ?? figures.error}</p>
        )}
        <div className="history-tools">
          <JobFilters models={summary?.models ?? []} customer={customer} />
          <div className="history-actions">
            <button
              type="button"
              className="small"
              aria-pressed={chartOpen}
              onClick={() => setChartOpen((open) => !open)}
            >
              Chart
            </button>
            <ExportButtons filter={filter} />
          </div>
        </div>
        {chartOpen && (
          // As tall as the chart, before and after it loads: nothing below it moves.
          <Suspense fallback={<p className="muted jobs-chart-loading">Loading the chart…</p>}>
            <JobsChart
              figures={figures.figures}
              error={figures.error}
              empty={summary?.jobs === 0}
            />
          </Suspense>
        )}
        <JobTable
          pages={pages}
          hold={hold}
          filter={filter}
          order={order}
          onOrder={(next) => setView((v) => ({ ...v, order: next }))}
          filtered={filtered}
        />
      </div>
      {selected !== null && <JobDetailsPanel id={selected} />}
    </div>
  )
}
