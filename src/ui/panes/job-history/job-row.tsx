import { memo } from 'react'
import { STATUS_WORDS, type JobRecord } from '../../../shared/job-state.ts'
import { customerNpub } from '../../customer-name.ts'
import { formatSats, shorten } from '../../format.ts'
import { JobDetails } from './job-details.tsx'
import { rowTime } from './row-time.ts'

export const COLUMNS = 6

interface JobRowProps {
  job: JobRecord
  /** Its position in the filtered list, from 0. */
  index: number
  now: number
  open: boolean
  onToggle: (id: string) => void
}

/** One job; its details open below it. */
export const JobRow = memo(function JobRow({ job, index, now, open, onToggle }: JobRowProps) {
  const detailsId = `job-${job.id}-details`
  const customer = customerNpub(job.customer)
  return (
    <>
      <tr
        className={`job-row${open ? ' open' : ''}`}
        aria-rowindex={index + 2}
        onClick={() => onToggle(job.id)}
      >
        <td className="nowrap" title={new Date(job.receivedAt).toLocaleString()}>
          {rowTime(job.receivedAt, now)}
        </td>
        <td>
          <button
            type="button"
            className="link mono"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            title={job.id}
            onClick={(e) => {
              e.stopPropagation()
              onToggle(job.id)
            }}
          >
            {shorten(job.id, 8, 0)}
          </button>
        </td>
        <td className="mono" title={customer}>
          {shorten(customer, 10, 4)}
        </td>
        <td className="ellipsis" title={job.model}>
          {job.model ?? '—'}
        </td>
        <td className={`status status-${job.state}`} title={job.error}>
          {STATUS_WORDS[job.state]}
        </td>
        <td className="num">{formatSats(job.paidMsats ?? job.priceMsats)}</td>
      </tr>
      {open && (
        <tr className="job-details-row" id={detailsId}>
          <td colSpan={COLUMNS}>
            <JobDetails job={job} now={now} />
          </td>
        </tr>
      )}
    </>
  )
})

/** A row whose page has not arrived yet: the same height, so scrolling does not jump. */
export const PendingRow = ({ index }: { index: number }) => (
  <tr className="job-row pending" aria-rowindex={index + 2}>
    <td colSpan={COLUMNS} className="muted">
      Loading…
    </td>
  </tr>
)
