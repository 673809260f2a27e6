import {
  JOB_STATES,
  STATUS_WORDS,
  type JobRecord,
  type JobState,
} from '../../../shared/job-state.ts'
import { formatCount } from '../../format.ts'

const ALWAYS: readonly JobState[] = ['completed', 'failed']

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** How many jobs, and how many in each state (the rare states only when there are some). */
export const JobSummary = ({ jobs }: { jobs: readonly JobRecord[] }) => {
  const counts = new Map<JobState, number>()
  for (const job of jobs) counts.set(job.state, (counts.get(job.state) ?? 0) + 1)
  const shown = JOB_STATES.filter((s) => ALWAYS.includes(s) || (counts.get(s) ?? 0) > 0)
  return (
    <dl className="summary" aria-label="Job counts">
      <div className="summary-item">
        <dt>Total</dt>
        <dd>{formatCount(jobs.length)}</dd>
      </div>
      {shown.map((state) => (
        <div key={state} className={`summary-item status-${state}`}>
          <dt>{capitalize(STATUS_WORDS[state])}</dt>
          <dd>{formatCount(counts.get(state) ?? 0)}</dd>
        </div>
      ))}
    </dl>
  )
}
