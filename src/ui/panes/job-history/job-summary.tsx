import { STATUS_WORDS, type JobState } from '../../../shared/job-state.ts'
import type { JobSummary as Summary } from '../../../shared/worker-api.ts'
import { formatCount } from '../../format.ts'

/** Always shown; the states a job passes through only while there are some. */
const ALWAYS: readonly JobState[] = ['completed', 'failed', 'cancelled', 'expired']
const WHILE_ANY: readonly JobState[] = ['awaiting-payment', 'queued', 'running']

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const Figure = ({ label, value, tone }: { label: string; value: string; tone?: string }) => (
  <div className={`summary-item${tone === undefined ? '' : ` status-${tone}`}`}>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </div>
)

/** The whole history in figures; sats are only those the wallet reported settled. */
export const JobSummary = ({ summary }: { summary: Summary | null }) => {
  const count = (n: number | undefined) => (summary === null ? '…' : formatCount(n ?? 0))
  const active = WHILE_ANY.filter((s) => (summary?.byState[s] ?? 0) > 0)
  return (
    <dl className="summary" aria-label="Job counts" aria-busy={summary === null}>
      <Figure label="Jobs" value={count(summary?.jobs)} />
      {[...active, ...ALWAYS].map((state) => (
        <Figure
          key={state}
          label={capitalize(STATUS_WORDS[state])}
          value={count(summary?.byState[state])}
          tone={state}
        />
      ))}
      <Figure label="Sats earned" value={count(summary?.satsEarned)} tone="earned" />
    </dl>
  )
}
