import { memo } from 'react'
import { customerNpub, shortNpub } from '../../../shared/customer-key.ts'
import { STATUS_WORDS, type JobRecord } from '../../../shared/job-state.ts'
import { formatSats, shorten } from '../../format.ts'
import { rowTime } from './row-time.ts'

export const COLUMNS = 7

/** The id of the details view of a job (the row's button controls it). */
export const detailsId = (jobId: string) => `job-${jobId}-details`

/** The prompt on one line, as much as a cell shows (the details have all of it). */
export const promptSnippet = (prompt: string): string =>
  prompt.replace(/\s+/g, ' ').trim().slice(0, 160)

interface JobRowProps {
  job: JobRecord
  /** Its position in the filtered list, from 0. */
  index: number
  now: number
  selected: boolean
  /** This row holds the table's one Tab stop. */
  tabStop: boolean
  onOpen: (id: string, index: number) => void
  onFocusRow: (index: number) => void
}

/** One job; its details open beside the table. */
export const JobRow = memo(function JobRow({
  job,
  index,
  now,
  selected,
  tabStop,
  onOpen,
  onFocusRow,
}: JobRowProps) {
  return (
    <tr
      className={`job-row${selected ? ' open' : ''}`}
      aria-rowindex={index + 2}
      onClick={() => onOpen(job.id, index)}
    >
      <td className="nowrap" title={new Date(job.receivedAt).toLocaleString()}>
        {rowTime(job.receivedAt, now)}
      </td>
      <td>
        <button
          type="button"
          className="link mono"
          data-row={index}
          tabIndex={tabStop ? 0 : -1}
          aria-expanded={selected}
          aria-controls={selected ? detailsId(job.id) : undefined}
          title={job.id}
          onFocus={() => onFocusRow(index)}
          onClick={(e) => {
            e.stopPropagation()
            onOpen(job.id, index)
          }}
        >
          {shorten(job.id, 8, 0)}
        </button>
        {/* Shown only when the Prompt column is not (a phone): the row still says what was asked. */}
        <span className="row-prompt">{promptSnippet(job.prompt)}</span>
      </td>
      {job.test ? (
        <td
          title={`A test job you sent from a throwaway key (${customerNpub(job.customer)}), run free`}
        >
          <span className="badge">test</span>
        </td>
      ) : (
        <td className="mono" title={customerNpub(job.customer)}>
          {shortNpub(job.customer)}
        </td>
      )}
      <td className="prompt-cell">{promptSnippet(job.prompt)}</td>
      <td className="ellipsis" title={job.model}>
        {job.model ?? '—'}
      </td>
      <td className={`status status-${job.state}`} title={job.error}>
        {STATUS_WORDS[job.state]}
      </td>
      <td className="num">{formatSats(job.paidMsats ?? job.priceMsats)}</td>
    </tr>
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
