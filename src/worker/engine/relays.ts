/**
 * The relay connections while online: one pool on the saved relays, subscribed to requests and
 * deletions since the lookback. A new connection is a chance to announce and to resend results.
 */
import { getPublicKey } from 'nostr-tools/pure'
import { addressedElsewhere } from '../../shared/nip90/addressed.ts'
import { KIND_DELETION, KIND_TEXT_REQUEST, type NostrEvent } from '../../shared/nip90/index.ts'
import type { Settings } from '../../shared/settings.ts'
import type { RelayStatus } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import { relayKeys } from '../relay/relay-keys.ts'
import { createRelayPool, type RelayPool, type RelayPoolOptions } from '../relay/relay-pool.ts'

export interface RelaysDeps {
  settings: () => Pick<
    Settings,
    'relays' | 'lookbackSeconds' | 'allowPrivateRelays' | 'maxPowBits' | 'watchMarket'
  >
  /** Signs NIP-42 AUTH and mined events. */
  secretKey: () => Uint8Array
  now: () => number
  /** A fresh intake for requests created at or after `notBefore` (seconds). */
  intake: (notBefore: number) => (event: NostrEvent) => void
  onStatus: (relays: RelayStatus[]) => void
  /** One more relay is connected than before. */
  onConnected: () => void
  onDrop: (reason: string) => void
  /**
   * A second subscription on the same connections (the market watch), if any; it is handed the
   * requests the job subscription receives, so none is sent or verified twice.
   */
  watch?: () => RelayPoolOptions['watch']
  log: Log
  WebSocket?: typeof WebSocket
}

// Requests come once, on the job subscription: intake decides them, the watch counts them.
const both =
  (intake: (event: NostrEvent) => void, watch: (event: NostrEvent, relay: string) => void) =>
  (event: NostrEvent, relay: string) => {
    intake(event)
    if (event.kind === KIND_TEXT_REQUEST) watch(event, relay)
  }

export const createRelays = (d: RelaysDeps) => {
  let pool: RelayPool | null = null
  let connected = 0

  const start = () => {
    const { relays, lookbackSeconds } = d.settings()
    const notBefore = Math.floor(d.now() / 1000) - lookbackSeconds
    connected = 0
    const watch = d.settings().watchMarket ? d.watch?.() : undefined
    const me = getPublicKey(d.secretKey())
    pool = createRelayPool({
      ...(watch ? { watch } : {}),
      passes: (event) =>
        event.kind === KIND_TEXT_REQUEST
          ? addressedElsewhere(event, me)
          : (watch?.passes?.(event) ?? false),
      urls: relays,
      filters: [
        { kinds: [KIND_TEXT_REQUEST], since: notBefore },
        { kinds: [KIND_DELETION], since: notBefore },
      ],
      onEvent: watch ? both(d.intake(notBefore), watch.onEvent) : d.intake(notBefore),
      onStatus: (statuses) => {
        const now = statuses.filter((r) => r.state === 'connected').length
        const more = now > connected
        connected = now
        d.onStatus(statuses)
        if (more) d.onConnected()
      },
      onDrop: (reason, relay) => d.onDrop(`${relay}: dropped an event: ${reason}`),
      log: d.log,
      ...relayKeys(d.secretKey, d.settings),
      ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
    })
  }

  const stop = () => {
    pool?.close()
    pool = null
  }

  return {
    pool: () => pool,
    start,
    stop,
    /** The relay list changed while online: connect to the new one. */
    restart() {
      if (!pool) return
      pool.close()
      start()
    },
  }
}
