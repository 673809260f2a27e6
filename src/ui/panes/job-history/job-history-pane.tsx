import { useAtom, useAtomValue } from 'jotai'
import { lazy, Suspense, useMemo } from 'react'
import { getEngine } from '../../worker-client.ts'
import { parseCustomerFilter } from './customer-filter.ts'
import { ExportButtons } from './export-buttons.tsx'
import {
  chartOpenAtom,
  historyQueryAtom,
  historyViewAtom,
  jobSummaryAtom,
} from './history-atoms.ts'
import { JobFilters } from './job-filters.tsx'
import { createJobPages } from './job-pages.ts'
import { JobSummary } from './job-summary.tsx'
import { JobTable } from './job-table.tsx'
import { useJobChanges } from './use-job-changes.ts'

// The chart library loads only when a chart is drawn.
const JobsChart = lazy(() => import('./jobs-chart.tsx').then((m) => ({ default: m.JobsChart })))

/** Every job this provider has seen: figures, a chart, filters, and the table. */
export const JobHistoryPane = () => {
  const [view, setView] = useAtom(historyViewAtom)
  const [chartOpen, setChartOpen] = useAtom(chartOpenAtom)
  const { summary, error } = useAtomValue(jobSummaryAtom)
  const customer = parseCustomerFilter(view.customerText)
  const { filter, order } = useAtomValue(historyQueryAtom)
  // The rows fetched so far: the UI's only copy of any job, read again as jobs change.
  const pages = useMemo(
    () =>
      createJobPages({
        fetchPage: (offset, limit) => getEngine().queryJobs({ ...filter, order, offset, limit }),
      }),
    [filter, order],
  )
  useJobChanges(pages.refresh, 500)
  const firstAt = summary?.firstAt

  return (
    <div className="stack fill job-history">
      <JobSummary summary={summary} />
      {error !== null && <p className="error">{error}</p>}
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
      {chartOpen && firstAt !== undefined && (
        <Suspense fallback={<p className="muted jobs-chart-loading">Loading the chart…</p>}>
          <JobsChart firstAt={firstAt} />
        </Suspense>
      )}
      <JobTable
        pages={pages}
        order={order}
        onOrder={(next) => setView((v) => ({ ...v, order: next }))}
        filtered={Object.keys(filter).length > 0}
      />
    </div>
  )
}
