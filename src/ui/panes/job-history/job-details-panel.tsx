import { useAtom } from 'jotai'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobRecord } from '../../../shared/job-state.ts'
import { errorText } from '../../../shared/result.ts'
import { useEscapeLayer } from '../../components/escape-layers.ts'
import { useNow } from '../../components/use-now.ts'
import { getEngine } from '../../worker-client.ts'
import { selectedJobAtom } from './history-atoms.ts'
import { JobDetails } from './job-details.tsx'
import { detailsId } from './job-row.tsx'
import { useJobChanges } from './use-job-changes.ts'

type Read = { job: JobRecord | null; error: string | null; id: string }

/** The selected job, read from the engine and again as jobs change (it may still be running). */
const useJob = (id: string) => {
  const [read, setRead] = useState<Read>({ job: null, error: null, id })
  const load = useCallback(() => {
    getEngine()
      .getJob(id)
      .then(
        (job) =>
          setRead({
            job,
            id,
            error: job === null ? 'This job is no longer in the history.' : null,
          }),
        (e: unknown) =>
          setRead((r) => ({ ...r, id, error: `The job could not be read: ${errorText(e)}` })),
      )
  }, [id])
  useEffect(load, [load])
  useJobChanges(load, 500)
  // Another job was picked: show nothing of the one before while it reads.
  return read.id === id ? read : { job: null, error: null, id }
}

/**
 * A job's details beside the table (over it when the pane is narrow), with a heading and a
 * close button; Escape closes it before the pane. Focus returns to the job's row.
 */
export const JobDetailsPanel = ({ id }: { id: string }) => {
  const [, setSelected] = useAtom(selectedJobAtom)
  const { job, error } = useJob(id)
  const now = useNow(true, 1000)
  const heading = useRef<HTMLHeadingElement>(null)
  const close = useCallback(() => {
    setSelected(null)
    // Back to the row that opened it, if it is still drawn.
    const row = document.querySelector<HTMLElement>(`[aria-controls="${detailsId(id)}"]`)
    row?.focus()
  }, [id, setSelected])
  useEscapeLayer(close)
  useEffect(() => {
    heading.current?.focus()
  }, [id])
  const title = `Job ${id.slice(0, 8)}`
  return (
    <section
      className="job-details-panel"
      id={detailsId(id)}
      aria-labelledby={`${detailsId(id)}-title`}
    >
      <header className="job-details-head">
        <h3 id={`${detailsId(id)}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <button type="button" className="small" onClick={close} title="Close job details (Esc)">
          Close job details
        </button>
      </header>
      {error !== null && <p className="error">{error}</p>}
      {job === null ? (
        error === null && <p className="muted">Reading the job…</p>
      ) : (
        <JobDetails job={job} now={now} />
      )}
    </section>
  )
}
