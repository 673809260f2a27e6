import { memo, useState } from 'react'
import { STATUS_WORDS, type JobRecord } from '../../../shared/job-state.ts'
import { customerNpub } from '../../customer-name.ts'
import { formatSats, formatWhen, shorten } from '../../format.ts'
import { JobDetails } from './job-details.tsx'

const COLUMNS = 6

/** One job; its details open below it. */
export const JobRow = memo(function JobRow({ job, now }: { job: JobRecord; now: number }) {
  const [open, setOpen] = useState(false)
  const detailsId = `job-${job.id}-details`
  const customer = customerNpub(job.customer)
  return (
    <>
      <tr className={`job-row${open ? ' open' : ''}`} onClick={() => setOpen((o) => !o)}>
        <td className="nowrap" title={new Date(job.receivedAt).toLocaleString()}>
          {formatWhen(job.receivedAt, now)}
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
              setOpen((o) => !o)
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
            <JobDetails job={job} />
          </td>
        </tr>
      )}
    </>
  )
})
