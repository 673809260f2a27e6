/**
 * The conversation with one NWC wallet service over its relays: send an encrypted request,
 * wait for the answer to that request id, and hear notifications. What comes in is sorted and
 * believed or not in nwc-inbox.ts.
 */
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { RelayStatus } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import { sleep } from '../relay/backoff.ts'
import { createRelayPool } from '../relay/relay-pool.ts'
import { signEvent } from '../relay/signatures.ts'
import {
  KIND_NWC_INFO,
  KIND_NWC_NOTIFICATION_NIP04,
  KIND_NWC_NOTIFICATION_NIP44,
  KIND_NWC_REQUEST,
  KIND_NWC_RESPONSE,
  nwcCipher,
  type Json,
  type NwcEncryption,
  type NwcMethod,
} from './nwc-codec.ts'
import { createNwcInbox } from './nwc-inbox.ts'
import type { NwcConnection } from './nwc-uri.ts'
import { WalletError } from './wallet.ts'

export interface NwcChannel {
  /** The wallet's info event (kind 13194), or null when no relay has one. */
  fetchInfo(timeoutMs: number, signal: AbortSignal): Promise<NostrEvent | null>
  request(
    method: NwcMethod,
    params: Json,
    o: { encryption: NwcEncryption; timeoutMs: number; signal: AbortSignal },
  ): Promise<Json>
  /** Decrypted notification payloads, in arrival order. */
  onNotification(listener: (plain: string) => void): void
  close(): void
}

const REPUBLISH_MS = 250

export const openNwcChannel = (
  c: NwcConnection,
  o: {
    log: Log
    now: () => number
    connectTimeoutMs: number
    WebSocket?: typeof WebSocket
    random?: () => number
  },
): NwcChannel => {
  const cipher = nwcCipher(c.secretKey, c.walletPubkey)
  const inbox = createNwcInbox({
    walletPubkey: c.walletPubkey,
    decrypt: cipher.decrypt,
    log: o.log,
  })
  const connectionWaiters = new Set<() => void>()
  let statuses: RelayStatus[] = []
  const closing = new AbortController()

  const pool = createRelayPool({
    urls: c.relays,
    filters: [
      {
        kinds: [KIND_NWC_RESPONSE, KIND_NWC_NOTIFICATION_NIP04, KIND_NWC_NOTIFICATION_NIP44],
        authors: [c.walletPubkey],
        '#p': [c.clientPubkey],
      },
    ],
    onEvent: inbox.onEvent,
    // NIP-47 relays may demand NIP-42 AUTH: this connection answers with its own key.
    signAuth: (template) => signEvent(template, c.secretKey),
    onStatus: (next) => {
      statuses = next
      if (next.some((s) => s.state === 'connected')) for (const wake of connectionWaiters) wake()
    },
    onDrop: (reason, relay) => o.log('debug', `Wallet relay ${relay}: dropped a frame (${reason})`),
    log: (level, message) => o.log(level, `Wallet relay ${message}`),
    connectTimeoutMs: o.connectTimeoutMs,
    ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
    ...(o.random ? { random: o.random } : {}),
  })

  const relayTrouble = () =>
    statuses.map((s) => `${s.url}: ${s.reason ?? s.state}`).join('; ') || c.relays.join(', ')

  const whenConnected = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (pool.connectedCount() > 0) return resolve()
      if (signal.aborted) return reject(signal.reason)
      const done = () => {
        connectionWaiters.delete(done)
        signal.removeEventListener('abort', done)
        if (pool.connectedCount() > 0) resolve()
        else reject(signal.reason)
      }
      connectionWaiters.add(done)
      signal.addEventListener('abort', done, { once: true })
    })

  /** Aborts at the caller's signal, on close, or with `onTimeout` after `ms`. */
  const deadline = (ms: number, signal: AbortSignal, onTimeout: () => WalletError) => {
    const timer = new AbortController()
    const handle = setTimeout(() => {
      // No relay at all is a different problem from a silent wallet; say which.
      timer.abort(
        pool.connectedCount() === 0
          ? new WalletError(
              `Could not reach the wallet's relays within ${ms / 1000} s (${relayTrouble()}). ` +
                'Check your internet connection and the relays in the connection string.',
              'unreachable',
            )
          : onTimeout(),
      )
    }, ms)
    return {
      signal: AbortSignal.any([signal, closing.signal, timer.signal]),
      clear: () => clearTimeout(handle),
    }
  }

  return {
    async fetchInfo(timeoutMs, signal) {
      const until = deadline(
        timeoutMs,
        signal,
        () =>
          new WalletError(
            `The wallet's relays did not say within ${timeoutMs / 1000} s whether it is there ` +
              `(${c.relays.join(', ')}). Try again, or check the relays in the connection string.`,
            'timeout',
          ),
      )
      try {
        await whenConnected(until.signal)
        const filter = { kinds: [KIND_NWC_INFO], authors: [c.walletPubkey] }
        const info = await pool.get(filter, c.relays, timeoutMs, until.signal)
        // The pool answers null when cut short; that is not "the wallet has no info event".
        if (info === null && until.signal.aborted) throw until.signal.reason
        return info
      } finally {
        until.clear()
      }
    },

    async request(method, params, { encryption, timeoutMs, signal }) {
      signal.throwIfAborted()
      let refused = ''
      const until = deadline(timeoutMs, signal, () =>
        refused === ''
          ? new WalletError(
              `The wallet did not answer ${method} within ${timeoutMs / 1000} s. Check that the ` +
                `wallet service is online and still connected to ${c.relays.join(', ')}.`,
              'timeout',
            )
          : new WalletError(
              `No relay took the ${method} request within ${timeoutMs / 1000} s (${refused}). ` +
                'Check the relays in the connection string.',
              'unreachable',
            ),
      )
      let id = ''
      try {
        const createdAt = Math.floor(o.now() / 1000)
        const tags = [
          ['p', c.walletPubkey],
          // NIP-40: a wallet must not act on a request we have stopped waiting for.
          ['expiration', String(createdAt + Math.ceil(timeoutMs / 1000))],
          ...(encryption === 'nip44_v2' ? [['encryption', 'nip44_v2']] : []),
        ]
        const content = cipher.encrypt(encryption, JSON.stringify({ method, params }))
        const event = signEvent(
          { kind: KIND_NWC_REQUEST, created_at: createdAt, tags, content },
          c.secretKey,
        )
        id = event.id
        // Listen before publishing: a quick wallet can answer before the relay's OK arrives.
        const answer = inbox.expect(event.id, method)
        // A relay can drop just as we publish; the same event (same id) goes again once one is back.
        for (;;) {
          await whenConnected(until.signal)
          const sent = await untilAborted(pool.publish(event), until.signal)
          if (sent.acked.length > 0) break
          refused = sent.errors.join('; ')
          o.log('debug', `Wallet: no relay took the ${method} request (${refused}); retrying`)
          await sleep(REPUBLISH_MS, until.signal)
        }
        const result = await untilAborted(answer, until.signal)
        if (!result.ok) throw result.error
        return result.value
      } catch (e) {
        throw until.signal.aborted ? until.signal.reason : e
      } finally {
        inbox.forget(id)
        until.clear()
      }
    },

    onNotification: inbox.onNotification,

    close() {
      closing.abort(new WalletError('The wallet connection was closed.', 'other'))
      pool.close()
      inbox.clear()
    },
  }
}

const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
