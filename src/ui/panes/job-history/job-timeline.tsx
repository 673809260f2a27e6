import { STATUS_WORDS, type JobRecord } from '../../../shared/job-state.ts'
import { formatDuration, formatWhen } from '../../format.ts'

/** Every state the job went through, when, and how long after it arrived. */
export const JobTimeline = ({ job, now }: { job: JobRecord; now: number }) => (
  <ol className="timeline">
    <li>
      <time className="mono muted" dateTime={new Date(job.receivedAt).toISOString()}>
        {formatWhen(job.receivedAt, now)}
      </time>{' '}
      received
    </li>
    {job.timeline.map((event, i) => (
      <li key={i}>
        <time className="mono muted" dateTime={new Date(event.at).toISOString()}>
          {formatWhen(event.at, now)}
        </time>{' '}
        {STATUS_WORDS[event.state]}
        <span className="muted"> +{formatDuration(Math.max(0, event.at - job.receivedAt))}</span>
        {event.note !== undefined && <span className="muted"> — {event.note}</span>}
      </li>
    ))}
  </ol>
)
