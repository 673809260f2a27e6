import { useSetAtom } from 'jotai'
import type { ReactNode } from 'react'
import type { JobRecord } from '../../../shared/job-state.ts'
import { CopyButton } from '../../components/copy-button.tsx'
import { customerNpub } from '../../../shared/customer-key.ts'
import { formatDuration, formatSats, formatWhen } from '../../format.ts'
import { historyViewAtom } from './history-atoms.ts'
import { JobTimeline } from './job-timeline.tsx'

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

const Item = ({ term, children }: { term: string; children: ReactNode }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
)

const tokensPerSecond = (job: JobRecord): string | null => {
  const ms = (job.finishedAt ?? 0) - (job.startedAt ?? 0)
  if (!job.usage || job.startedAt === undefined || ms <= 0) return null
  return `${((job.usage.completionTokens * 1000) / ms).toFixed(1)} tokens/s`
}

/**
 * Everything the history keeps about one job, from its row (which is read again as the job
 * changes). Untrusted text is rendered as text only.
 */
export const JobDetails = ({ job, now }: { job: JobRecord; now: number }) => {
  const setView = useSetAtom(historyViewAtom)
  const npub = customerNpub(job.customer)
  const params = paramsLine(job.params)
  const speed = tokensPerSecond(job)
  return (
    <div className="job-details">
      <dl className="details-grid">
        <Item term="Job id">
          <span className="mono break">{job.id}</span>{' '}
          <CopyButton text={job.id} label="Copy job id" />
        </Item>
        <Item term="Customer">
          <span className="mono break">{npub}</span>{' '}
          <button
            type="button"
            className="small"
            onClick={() => setView((v) => ({ ...v, customerText: npub }))}
          >
            Only this customer
          </button>
        </Item>
        <Item term="Model">
          {job.model ?? '—'}
          {job.modelDigest !== undefined && (
            <span className="muted mono"> {job.modelDigest.slice(0, 12)}</span>
          )}
        </Item>
        {job.usage !== undefined && (
          <Item term="Tokens">
            {job.usage.promptTokens} in, {job.usage.completionTokens} out
            {speed !== null && <span className="muted"> ({speed})</span>}
          </Item>
        )}
        <Item term="Received">{formatWhen(job.receivedAt, now)}</Item>
        {job.startedAt !== undefined && (
          <Item term="Waited">{formatDuration(job.startedAt - job.receivedAt)}</Item>
        )}
        {job.startedAt !== undefined && job.finishedAt !== undefined && (
          <Item term="Generation">{formatDuration(job.finishedAt - job.startedAt)}</Item>
        )}
        {params !== '' && <Item term="Asked for">{params}</Item>}
        <Item term="Sats">
          price {formatSats(job.priceMsats)}
          {job.paidMsats !== undefined
            ? `, paid ${formatSats(job.paidMsats)}${job.paidAt !== undefined ? ` at ${formatWhen(job.paidAt, now)}` : ''}`
            : job.priceMsats > 0
              ? ', not paid'
              : ''}
        </Item>
        <Item term="Replies to">
          <span className="mono break">{job.replyRelays.join(', ') || '—'}</span>
        </Item>
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
      <JobTimeline job={job} now={now} />
    </div>
  )
}
