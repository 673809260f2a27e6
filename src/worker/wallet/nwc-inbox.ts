/**
 * What the wallet service sends us, sorted: only the wallet's own key is listened to, each event
 * once, and only what decrypts with our connection secret is believed. An answer goes to the
 * request it names; a notification goes to every listener.
 */
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Result } from '../../shared/result.ts'
import type { Log } from '../log.ts'
import {
  KIND_NWC_NOTIFICATION_NIP04,
  KIND_NWC_NOTIFICATION_NIP44,
  KIND_NWC_RESPONSE,
  parseNwcResponse,
  type Json,
  type NwcMethod,
} from './nwc-codec.ts'
import type { WalletError } from './wallet.ts'

interface Pending {
  method: NwcMethod
  resolve(answer: Result<Json, WalletError>): void
}

const SEEN_LIMIT = 1000

export const createNwcInbox = (o: {
  walletPubkey: string
  decrypt: (content: string) => string
  log: Log
}) => {
  const pending = new Map<string, Pending>()
  const seen = new Set<string>()
  const notificationListeners: ((plain: string) => void)[] = []
  const short = (key: string) => `${key.slice(0, 8)}…`

  const decrypt = (event: NostrEvent, what: string): string | undefined => {
    try {
      return o.decrypt(event.content)
    } catch {
      o.log(
        'warn',
        `Wallet: could not decrypt ${what} (not encrypted for this connection); ignored`,
      )
      return undefined
    }
  }

  const onEvent = (event: NostrEvent) => {
    // The relay filters by author too, but a relay is not the one we trust.
    if (event.pubkey !== o.walletPubkey) {
      o.log(
        'warn',
        `Wallet: ignored a kind ${event.kind} event from ${short(event.pubkey)}, not the wallet`,
      )
      return
    }
    if (seen.has(event.id)) return
    seen.add(event.id)
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string)
    if (event.kind === KIND_NWC_RESPONSE) {
      const requestId = event.tags.find((t) => t[0] === 'e')?.[1] ?? ''
      const waiting = pending.get(requestId)
      if (waiting === undefined)
        return o.log('debug', 'Wallet: an answer to no open request; ignored')
      const plain = decrypt(event, `the answer to ${waiting.method}`)
      if (plain !== undefined) waiting.resolve(parseNwcResponse(plain, waiting.method))
    } else if (
      event.kind === KIND_NWC_NOTIFICATION_NIP44 ||
      event.kind === KIND_NWC_NOTIFICATION_NIP04
    ) {
      const plain = decrypt(event, 'a notification')
      if (plain !== undefined) for (const listener of notificationListeners) listener(plain)
    }
  }

  return {
    onEvent,
    /** The answer to request `id`, once the wallet sends it; call before publishing. */
    expect: (id: string, method: NwcMethod) =>
      new Promise<Result<Json, WalletError>>((resolve) => pending.set(id, { method, resolve })),
    /** Stop waiting for the answer to request `id`. */
    forget: (id: string) => void pending.delete(id),
    onNotification: (listener: (plain: string) => void) =>
      void notificationListeners.push(listener),
    clear: () => pending.clear(),
  }
}
