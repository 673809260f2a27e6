import type { JobRecord } from '../../../shared/job-state.ts'
import { STATUS_WORDS } from '../../../shared/job-state.ts'
import { CopyButton } from '../../components/copy-button.tsx'
import { customerNpub } from '../../customer-name.ts'
import { formatClock, formatDuration, formatSats } from '../../format.ts'

const PARAM_WORDS: Record<string, string> = {
  model: 'model',
  maxTokens: 'max tokens',
  temperature: 'temperature',
  topK: 'top k',
  topP: 'top p',
  frequencyPenalty: 'frequency penalty',
  seed: 'seed',
}

/** The customer's parameters as one line: "max tokens 512, temperature 0.7". */
const paramsLine = (params: JobRecord['params'] | undefined): string =>
  Object.entries(params ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${PARAM_WORDS[k] ?? k} ${String(v)}`)
    .join(', ')

/** Everything the history keeps about one job. Untrusted text is rendered as text only. */
export const JobDetails = ({ job }: { job: JobRecord }) => (
  <div className="job-details">
    <dl className="details-grid">
      <dt>Job id</dt>
      <dd className="mono break">
        {job.id} <CopyButton text={job.id} label="Copy job id" />
      </dd>
      <dt>Customer</dt>
      <dd className="mono break">{customerNpub(job.customer)}</dd>
      {job.model !== undefined && (
        <>
          <dt>Model</dt>
          <dd>
            {job.model}
            {job.modelDigest !== undefined && (
              <span className="muted mono"> {job.modelDigest.slice(0, 12)}</span>
            )}
          </dd>
        </>
      )}
      {job.usage !== undefined && (
        <>
          <dt>Tokens</dt>
          <dd>
            {job.usage.promptTokens} in, {job.usage.completionTokens} out
          </dd>
        </>
      )}
      {job.startedAt !== undefined && job.finishedAt !== undefined && (
        <>
          <dt>Took</dt>
          <dd>{formatDuration(job.finishedAt - job.startedAt)}</dd>
        </>
      )}
      {paramsLine(job.params) !== '' && (
        <>
          <dt>Asked for</dt>
          <dd>{paramsLine(job.params)}</dd>
        </>
      )}
      <dt>Price</dt>
      <dd>
        {formatSats(job.priceMsats)} sats
        {job.paidMsats !== undefined && `, paid ${formatSats(job.paidMsats)} sats`}
      </dd>
      <dt>Replies to</dt>
      <dd className="mono break">{job.replyRelays.join(', ') || '—'}</dd>
    </dl>
    <h4>Prompt</h4>
    <pre className="text-block">{job.prompt}</pre>
    {job.result !== undefined && (
      <>
        <h4>Result</h4>
        <pre className="text-block">{job.result}</pre>
      </>
    )}
    {job.error !== undefined && (
      <>
        <h4>Error</h4>
        <p className="error">{job.error}</p>
      </>
    )}
    <h4>Timeline</h4>
    <ol className="timeline">
      {job.timeline.map((event, i) => (
        <li key={i}>
          <span className="mono muted">{formatClock(event.at)}</span> {STATUS_WORDS[event.state]}
          {event.note !== undefined && <span className="muted"> — {event.note}</span>}
        </li>
      ))}
    </ol>
  </div>
)
