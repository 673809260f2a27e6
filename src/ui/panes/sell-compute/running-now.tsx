import { useAtomValue } from 'jotai'
import { useLayoutEffect, useRef } from 'react'
import { useNow } from '../../components/use-now.ts'
import { customerNpub, shortNpub } from '../../../shared/customer-key.ts'
import { liveJobsAtom } from '../../state/live-atoms.ts'
import type { LiveJob } from '../../state/live.ts'
import { liveJobFacts } from './live-words.ts'

const LiveJobView = ({ job, now }: { job: LiveJob; now: number }) => {
  const textRef = useRef<HTMLParagraphElement>(null)
  // Keep the newest tokens in view as the answer grows.
  useLayoutEffect(() => {
    const el = textRef.current
    if (el !== null) el.scrollTop = el.scrollHeight
  }, [job.text])
  const label = `Job ${job.id.slice(0, 8)}`
  return (
    <li className="live-job" aria-label={label}>
      <div className="live-job-head">
        <span className="mono">{job.id.slice(0, 8)}</span>
        {job.customer !== undefined && (
          <span className="muted mono" title={customerNpub(job.customer)}>
            from {shortNpub(job.customer)}
          </span>
        )}
        {job.model !== undefined && <span className="mono">{job.model}</span>}
        <span className="live-job-facts">{liveJobFacts(job, now)}</span>
      </div>
      {/* Not a live region: a screen reader announcing every token would drown everything. */}
      <p ref={textRef} className="live-text" aria-label={`${label} answer so far`}>
        {job.text !== '' ? (
          job.text
        ) : (
          <span className="muted">
            {job.reasoning
              ? 'The model is reasoning before it answers…'
              : 'Waiting for the first token…'}
          </span>
        )}
      </p>
    </li>
  )
}

/** The jobs generating now, their answers streaming in as Ollama writes them. */
export const RunningNow = () => {
  const live = useAtomValue(liveJobsAtom)
  const jobs = [...live.values()]
  const now = useNow(jobs.length > 0, 500)
  return (
    <section className="running-now" aria-labelledby="sell-running-title">
      <h3 id="sell-running-title">Running now</h3>
      {jobs.length === 0 ? (
        <p className="muted">No job running.</p>
      ) : (
        <ul className="live-jobs">
          {jobs.map((job) => (
            <LiveJobView key={job.id} job={job} now={now} />
          ))}
        </ul>
      )}
    </section>
  )
}
