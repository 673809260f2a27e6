import { useAtomValue } from 'jotai'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { CopyButton } from '../../components/copy-button.tsx'
import { formatCount, shorten } from '../../format.ts'
import { countsAtom } from '../../state/engine-atoms.ts'

const priceWords = ({
  pricePerJobSats: job,
  pricePer1kTokensSats: perK,
}: EngineSnapshot['settings']) =>
  job === 0 && perK === 0
    ? 'Free (price 0)'
    : `${formatCount(job)} sats per job + ${formatCount(perK)} sats per 1k tokens`

/** Who this provider is on Nostr, what it charges, and what it has done. */
export const ProviderFacts = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'provider' | 'settings'>
}) => {
  const { provider, settings } = snapshot
  const counts = useAtomValue(countsAtom)
  if (counts === null) return null
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
      <div className="fact">
        <dt>Jobs served</dt>
        <dd>{formatCount(counts.served)}</dd>
      </div>
      <div className="fact">
        <dt>Sats earned</dt>
        <dd>{formatCount(counts.satsEarned)}</dd>
      </div>
      <div className="fact">
        <dt>Failed</dt>
        <dd>{formatCount(counts.failed)}</dd>
      </div>
    </dl>
  )
}
