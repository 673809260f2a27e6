import { useAtomValue } from 'jotai'
import { formatCount } from '../../format.ts'
import { countsAtom } from '../../state/engine-atoms.ts'
import { jobsAndSats, refusedByReason, refusedTotal, sats } from './figure-words.ts'

const Fact = ({ term, value, bad = false }: { term: string; value: string; bad?: boolean }) => (
  <div className={`fact${bad ? ' tone-bad' : ''}`}>
    <dt>{term}</dt>
    <dd>{value}</dd>
  </div>
)

/**
 * Am I earning, and is anything wrong? What came in, what is waiting, what was lost or is
 * owed, and what was turned away: all kept by the engine, none counted here.
 */
export const MoneyFigures = () => {
  const counts = useAtomValue(countsAtom)
  if (counts === null) return null
  const refused = refusedByReason(counts.refusedLastHour)
  return (
    <>
      <section className="figures" aria-labelledby="sell-earnings-title">
        <h3 id="sell-earnings-title">Earnings</h3>
        <dl className="facts">
          <Fact term="Earned today" value={sats(counts.earnedToday)} />
          <Fact term="Last hour" value={sats(counts.earnedLastHour)} />
          <Fact term="Sats earned" value={formatCount(counts.satsEarned)} />
          <Fact term="Awaiting payment" value={jobsAndSats(counts.awaiting)} />
          <Fact term="Expired unpaid" value={formatCount(counts.expired)} />
          <Fact term="Jobs served" value={formatCount(counts.served)} />
          <Fact term="Failed" value={formatCount(counts.failed)} bad={counts.failed > 0} />
          <Fact
            term="Owed to customers"
            value={jobsAndSats(counts.owed)}
            bad={counts.owed.jobs > 0}
          />
        </dl>
      </section>
      <section className="figures" aria-labelledby="sell-refused-title">
        <h3 id="sell-refused-title">Refused in the last hour</h3>
        {refused.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <>
            <p className="refused-total">
              {formatCount(refusedTotal(counts.refusedLastHour))} requests refused
            </p>
            <ul className="refused-list">
              {refused.map(([words, n]) => (
                <li key={words}>
                  {words}: <strong>{formatCount(n)}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
        {counts.limitHint !== undefined && <p className="hint warn">{counts.limitHint}</p>}
      </section>
    </>
  )
}
