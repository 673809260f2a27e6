import type { EngineSnapshot, RelayStatus } from '../../../shared/worker-api.ts'
import { useNow } from '../../components/use-now.ts'
import { secondsUntil } from '../../format.ts'
import { relayFacts } from './relay-facts.ts'

const TONE: Record<RelayStatus['state'], string> = {
  connected: 'good',
  connecting: 'busy',
  disconnected: 'bad',
}

const RelayLine = ({ relay, now }: { relay: RelayStatus; now: number }) => (
  <li className={`relay tone-${TONE[relay.state]}`}>
    <span className="dot" aria-hidden="true" />
    <span className="relay-url mono" title={relay.url}>
      {relay.url}
    </span>{' '}
    <span className="relay-state">{relay.state}</span>
    {(relay.reason !== undefined || relay.retryAt !== undefined) && (
      <span className="relay-note">
        {relay.reason}
        {relay.state === 'disconnected' && relay.retryAt !== undefined && (
          <> (retrying in {secondsUntil(relay.retryAt, now)} s)</>
        )}
      </span>
    )}
    {relayFacts(relay, now).map((fact) => (
      <span key={fact} className="relay-fact">
        {fact}
      </span>
    ))}
  </li>
)

/** Each relay's connection, or the configured relays while offline. */
export const RelayList = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'relays' | 'settings'>
}) => {
  const waiting = snapshot.relays.some(
    (r) => r.retryAt !== undefined || r.rateLimitedUntil !== undefined,
  )
  const now = useNow(waiting)
  return (
    <section className="relays">
      <h3>Relays</h3>
      {snapshot.relays.length > 0 ? (
        <ul className="relay-list">
          {snapshot.relays.map((relay) => (
            <RelayLine key={relay.url} relay={relay} now={now} />
          ))}
        </ul>
      ) : (
        <ul className="relay-list">
          {snapshot.settings.relays.map((url) => (
            <li key={url} className="relay tone-idle">
              <span className="dot" aria-hidden="true" />
              <span className="relay-url mono" title={url}>
                {url}
              </span>{' '}
              <span className="relay-state">not connected while offline</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
