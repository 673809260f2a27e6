import { JOB_STATES, STATUS_WORDS } from '../../../shared/job-state.ts'
import type { JobSummary as Summary, JobTotals } from '../../../shared/worker-api.ts'
import { useAtomValue } from 'jotai'
import { formatCount } from '../../format.ts'
import { countsAtom } from '../../state/engine-atoms.ts'
import { refusedByReason, refusedTotal } from '../sell-compute/figure-words.ts'

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const Figure = ({ label, value, tone }: { label: string; value: string; tone?: string }) => (
  <div className={`summary-item${tone === undefined ? '' : ` status-${tone}`}`}>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </div>
)

/** Requests refused never become jobs: their count (last hour) is the engine's, not a row's. */
const RefusedFigure = () => {
  const counts = useAtomValue(countsAtom)
  if (counts === null) return null
  const byReason = refusedByReason(counts.refusedLastHour)
  return (
    <div
      className="summary-item status-refused"
      title={byReason.map(([w, n]) => `${w}: ${n}`).join(', ')}
    >
      <dt>Refused (last hour)</dt>
      <dd>{formatCount(refusedTotal(counts.refusedLastHour))}</dd>
    </div>
  )
}

/**
 * The history in figures: what the filters match, read with the chart so both say the same,
 * or (no filter, no chart) the whole history's summary. Sats: paid for jobs delivered.
 */
export const JobSummary = ({
  summary,
  totals,
}: {
  summary: Summary | null
  /** Undefined when nothing reads the figures with the chart: the summary is shown. */
  totals?: JobTotals | null
}) => {
  const shown: JobTotals | null = totals === undefined ? summary : totals
  const count = (n: number | undefined) => (shown === null ? '…' : formatCount(n ?? 0))
  return (
    <dl className="summary" aria-label="Job counts" aria-busy={shown === null}>
      <Figure label="Jobs" value={count(shown?.jobs)} />
      {/* Every state, always: a figure that came and went would move the table below it,
          and the row under the person's pointer with it. */}
      {JOB_STATES.map((state) => (
        <Figure
          key={state}
          label={capitalize(STATUS_WORDS[state])}
          value={count(shown?.byState[state])}
          tone={state}
        />
      ))}
      <Figure label="Sats earned" value={count(shown?.satsEarned)} tone="earned" />
      <RefusedFigure />
    </dl>
  )
}
