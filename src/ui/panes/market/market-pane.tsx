import { useAtomValue, useSetAtom } from 'jotai'
import type { MarketReport } from '../../../shared/market/report.ts'
import { formatCount, formatWhen } from '../../format.ts'
import { snapshotPart } from '../../state/engine-atoms.ts'
import { focusRequestAtom, layoutAtom, togglePaneAtom } from '../../state/layout-atoms.ts'
import { priceSuggestionAtom } from '../../state/price-suggestion-atoms.ts'
import { useNow } from '../../components/use-now.ts'
import { ProvidersTable } from './providers-table.tsx'
import { useMarketReport } from './use-market-report.ts'

const settingsPart = snapshotPart('settings')

const DemandTable = ({ report }: { report: MarketReport }) => (
  <div className="table-wrap">
    <table className="market-demand" aria-label="Demand">
      <thead>
        <tr>
          <th scope="col">Requests</th>
          <th scope="col" className="num">
            Last hour
          </th>
          <th scope="col" className="num">
            Last day
          </th>
        </tr>
      </thead>
      <tbody>
        {report.demand.map((d) => (
          <tr key={d.reason}>
            <th scope="row">{d.words}</th>
            <td className="num">{formatCount(d.hour)}</td>
            <td className="num">{formatCount(d.day)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">all requests seen</th>
          <td className="num">{formatCount(report.total.hour)}</td>
          <td className="num">{formatCount(report.total.day)}</td>
        </tr>
      </tfoot>
    </table>
  </div>
)

/** "Why no jobs?": what the provider's relays carry, and what it took of it. */
export const MarketPane = () => {
  const { report, error } = useMarketReport()
  const part = useAtomValue(settingsPart)
  const now = useNow(true, 10_000)
  const suggest = useSetAtom(priceSuggestionAtom)
  const toggle = useSetAtom(togglePaneAtom)
  const focus = useSetAtom(focusRequestAtom)
  const settingsOpen = useAtomValue(layoutAtom).panes.settings.open

  if (report === null)
    return <p className="muted">{error ?? 'Reading the market on your relays…'}</p>

  const applySuggestion = (sats: number) => {
    suggest(sats)
    if (settingsOpen) focus('settings')
    else toggle('settings')
  }
  const relays = part?.settings.relays.length ?? 0
  return (
    <div className="stack market-pane">
      <p className="muted">
        {relays === 0
          ? 'No relays in Settings: nothing to watch.'
          : `Watching ${relays} ${relays === 1 ? 'relay' : 'relays'} since ${formatWhen(report.watchingSince, now)}, online or not.`}
        {report.dropped > 0 &&
          ` ${formatCount(report.dropped)} market events skipped by its limits.`}
      </p>
      {error && <p role="alert">{error}</p>}
      <div className="market-top">
        <section aria-labelledby="market-demand">
          <h3 id="market-demand">Demand</h3>
          <DemandTable report={report} />

          {report.modelsAsked.length > 0 && (
            <p>
              Models asked for that you don’t offer:{' '}
              {report.modelsAsked.map((m) => `${m.model} (${m.count})`).join(', ')}.
            </p>
          )}
        </section>
        <section aria-labelledby="market-price">
          <h3 id="market-price">Price</h3>
          <p>
            {report.bids === null
              ? 'No bids seen in the last day.'
              : `Bids seen in the last day: ${report.bids.count}, lowest ${report.bids.lowestSats}, median ${report.bids.medianSats}, highest ${report.bids.highestSats} sats.`}
          </p>
          <p>{report.hint.words}</p>
          <button
            type="button"
            disabled={report.hint.suggestedSats === undefined}
            onClick={() =>
              report.hint.suggestedSats !== undefined && applySuggestion(report.hint.suggestedSats)
            }
          >
            Use suggested price
          </button>
          {report.hint.suggestedSats !== undefined && (
            <p className="muted">
              Puts {report.hint.suggestedSats} sats into “Price per job (sats)” in Settings; you
              decide and press Save.
            </p>
          )}
        </section>
      </div>
      <section aria-labelledby="market-providers">
        <h3 id="market-providers">Other providers</h3>
        <ProvidersTable report={report} now={now} />
      </section>
    </div>
  )
}
