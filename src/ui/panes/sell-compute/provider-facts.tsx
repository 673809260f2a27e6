import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { CopyButton } from '../../components/copy-button.tsx'
import { formatCount, shorten } from '../../format.ts'

const priceWords = ({
  pricePerJobSats: job,
  pricePer1kTokensSats: perK,
}: EngineSnapshot['settings']) =>
  job === 0 && perK === 0
    ? 'Free (price 0)'
    : `${formatCount(job)} sats per job + ${formatCount(perK)} sats per 1k tokens`

/** Who this provider is on Nostr and what it charges (what it has done: money-figures.tsx). */
export const ProviderFacts = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'provider' | 'settings'>
}) => {
  const { provider, settings } = snapshot
  return (
    <dl className="facts">
      <div className="fact wide">
        <dt>Provider</dt>
        <dd>
          <span className="mono" title={provider.npub}>
            {shorten(provider.npub, 14, 6)}
          </span>{' '}
          <CopyButton text={provider.npub} label="Copy npub" />
        </dd>
      </div>
      <div className="fact wide">
        <dt>Price</dt>
        <dd>{priceWords(settings)}</dd>
      </div>
    </dl>
  )
}
