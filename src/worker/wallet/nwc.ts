/**
 * Nostr Wallet Connect (NIP-47) behind the Wallet interface: the wallet service makes and looks
 * up invoices for us; we never hold funds or keys beyond the connection secret.
 */
import type { Log } from '../log.ts'
import { openNwcChannel } from './nwc-channel.ts'
import {
  chooseEncryption,
  parseBalance,
  parseLookup,
  parseMadeInvoice,
  parseNwcInfo,
  parsePaymentNotification,
  type NwcEncryption,
  type NwcMethod,
} from './nwc-codec.ts'
import { describeNwc, parseNwcUri } from './nwc-uri.ts'
import { WalletError, type IncomingPayment, type Wallet } from './wallet.ts'

export interface NwcOptions {
  WebSocket?: typeof WebSocket
  /** ms epoch. */
  now?: () => number
  /** Per request. */
  timeoutMs?: number
  /** For connecting and reading the wallet's info; `timeoutMs` when absent. */
  connectTimeoutMs?: number
  log?: Log
  /** Gives up connecting. */
  signal?: AbortSignal
  /** Jitter for relay reconnect backoff; tests pin it. */
  random?: () => number
}

export interface NwcWallet extends Wallet {
  readonly kind: 'nwc'
  readonly walletPubkey: string
  readonly relays: readonly string[]
  /** What the wallet's info event says this connection may do. */
  readonly methods: readonly string[]
  readonly encryption: NwcEncryption
}

const DEFAULT_TIMEOUT_MS = 30_000
// Lightning payments can take a while to route; a short timeout would give up on a live payment.
const PAY_TIMEOUT_MS = 60_000
const NEEDED: NwcMethod[] = ['make_invoice', 'lookup_invoice']
const NOTIFIED_LIMIT = 1000

/** Connect to the wallet in a connection string and check it can take payments. */
export const connectNwc = async (uri: string, o: NwcOptions = {}): Promise<NwcWallet> => {
  const parsed = parseNwcUri(uri)
  if (!parsed.ok) throw new WalletError(parsed.error, 'other')
  const connection = parsed.value
  const now = o.now ?? Date.now
  const log: Log = o.log ?? (() => {})
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const connectTimeoutMs = o.connectTimeoutMs ?? timeoutMs
  const channel = openNwcChannel(connection, {
    log,
    now,
    connectTimeoutMs: Math.min(connectTimeoutMs, 10_000),
    ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
    ...(o.random ? { random: o.random } : {}),
  })

  let methods: string[]
  let encryption: NwcEncryption
  try {
    const info = await channel.fetchInfo(connectTimeoutMs, o.signal ?? new AbortController().signal)
    if (info === null) {
      throw new WalletError(
        `The wallet has not published what it can do (no kind 13194 info event on ` +
          `${connection.relays.join(', ')}). Check that the wallet service is online, or copy ` +
          'the connection string again.',
        'unreachable',
      )
    }
    const parsedInfo = parseNwcInfo(info)
    methods = parsedInfo.methods
    const missing = NEEDED.filter((m) => !methods.includes(m))
    if (missing.length > 0) {
      throw new WalletError(
        `This wallet connection cannot ${missing.join(' or ')}, which selling needs. In your ` +
          'wallet, create a connection that may receive payments (make and look up invoices).',
        'unsupported',
      )
    }
    const chosen = chooseEncryption(parsedInfo)
    if (!chosen.ok) throw new WalletError(chosen.error, 'unsupported')
    encryption = chosen.value
    if (!parsedInfo.notifications.includes('payment_received')) {
      log('info', 'Wallet: it sends no payment notifications; invoices are looked up instead')
    }
  } catch (e) {
    channel.close()
    throw e
  }
  log('info', `Wallet: connected to ${describeNwc(connection)} (${encryption})`)

  const listeners = new Set<(p: IncomingPayment) => void>()
  // Wallets that speak both schemes may notify twice; a payment is one hint.
  const notified = new Set<string>()
  channel.onNotification((plain) => {
    const payment = parsePaymentNotification(plain, now())
    if (payment === null || notified.has(payment.paymentHash)) return
    notified.add(payment.paymentHash)
    if (notified.size > NOTIFIED_LIMIT) notified.delete(notified.values().next().value as string)
    for (const listener of listeners) listener(payment)
  })

  const call = (method: NwcMethod, params: Record<string, unknown>, signal: AbortSignal) => {
    if (!methods.includes(method)) {
      const what = method.replace('_', ' ')
      return Promise.reject(
        new WalletError(`This wallet connection does not allow ${what}.`, 'unsupported'),
      )
    }
    const ms = method === 'pay_invoice' ? Math.max(timeoutMs, PAY_TIMEOUT_MS) : timeoutMs
    return channel.request(method, params, { encryption, timeoutMs: ms, signal })
  }
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: WalletError }): T => {
    if (!r.ok) throw r.error
    return r.value
  }

  return {
    kind: 'nwc',
    walletPubkey: connection.walletPubkey,
    relays: connection.relays,
    methods,
    encryption,
    async createInvoice({ amountMsats, description, expirySeconds, signal }) {
      const params = { amount: amountMsats, description, expiry: expirySeconds }
      const result = await call('make_invoice', params, signal)
      return unwrap(parseMadeInvoice(result, { amountMsats, expirySeconds }, now()))
    },
    async lookupInvoice(invoice, signal) {
      const result = await call('lookup_invoice', { payment_hash: invoice.paymentHash }, signal)
      return unwrap(parseLookup(result, invoice, now()))
    },
    async balance(signal) {
      return unwrap(parseBalance(await call('get_balance', {}, signal)))
    },
    async payInvoice(bolt11, signal) {
      const result = await call('pay_invoice', { invoice: bolt11 }, signal)
      return typeof result.preimage === 'string' ? { preimage: result.preimage } : {}
    },
    onPayment(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      channel.close()
    },
  }
}
