import type { MarketReport } from '../../../shared/market/report.ts'
import { formatCount, formatWhen } from '../../format.ts'

/** The other text-generation providers seen, busiest first. Their words are text, never HTML. */
export const ProvidersTable = ({ report, now }: { report: MarketReport; now: number }) => (
  <>
    <div className="table-wrap">
      <table className="market-providers" aria-label="Providers">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Models</th>
            <th scope="col">Price</th>
            <th scope="col">Last seen</th>
            <th scope="col" className="num">
              Results
            </th>
            <th scope="col" className="num">
              Took ones you missed
            </th>
          </tr>
        </thead>
        <tbody>
          {report.providers.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No other text-generation provider seen yet.
              </td>
            </tr>
          )}
          {report.providers.map((p) => (
            <tr key={p.pubkey}>
              <th scope="row" title={p.pubkey}>
                {p.name}
                {p.live && <span className="badge">live</span>}
              </th>
              <td>{p.models.length === 0 ? '—' : p.models.join(', ')}</td>
              <td className="nowrap">{p.price}</td>
              <td className="nowrap">{formatWhen(p.lastSeen, now)}</td>
              <td className="num" title={`${p.resultsHour} in the last hour`}>
                {formatCount(p.resultsDay)}
              </td>
              <td className="num">{formatCount(p.answeredMisses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {report.providerCount > report.providers.length && (
      <p className="muted">
        The busiest {report.providers.length} of {formatCount(report.providerCount)} providers seen.
      </p>
    )}
  </>
)
