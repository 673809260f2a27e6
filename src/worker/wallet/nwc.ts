/**
 * Nostr Wallet Connect (NIP-47) behind the Wallet interface: the wallet service makes and looks
 * up invoices for us; we never hold funds or keys beyond the connection secret.
 */
import type { Log } from '../log.ts'
import { openNwcChannel } from './nwc-channel.ts'
import type { NwcEncryption, NwcMethod } from './nwc-codec.ts'
import { learnAbilities } from './nwc-learn.ts'
import { createPace } from './nwc-pace.ts'
import {
  lookupParams,
  parseBalance,
  parseLookup,
  parseMadeInvoice,
  parsePaymentNotification,
  parseTransactions,
} from './nwc-results.ts'
import { describeNwc, parseNwcUri } from './nwc-uri.ts'
import { WalletError, type IncomingPayment, type Wallet } from './wallet.ts'
import type { Result } from '../../shared/result.ts'

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
  /** What the wallet said (info event or get_info) this connection may do. */
  readonly methods: readonly string[]
  readonly encryption: NwcEncryption
  /** What is known about the wallet and how it was learned, in words. */
  readonly about: string
}

const DEFAULT_TIMEOUT_MS = 30_000
// Lightning payments can take a while to route; a short timeout would give up on a live payment.
const PAY_TIMEOUT_MS = 60_000
const NOTIFIED_LIMIT = 1000
const DAY_S = 86_400

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

  const abilities = await learnAbilities(channel, connection, {
    timeoutMs: connectTimeoutMs,
    signal: o.signal ?? new AbortController().signal,
    log,
  }).catch((e: unknown) => {
    channel.close()
    throw e
  })
  const { methods, encryption, notifies } = abilities
  if (!notifies) log('info', 'Wallet: it sends no payment notifications; invoices are looked up')
  log('info', `Wallet: connected to ${describeNwc(connection)} (${encryption})`)

  const listeners = new Set<(p: IncomingPayment) => void>()
  // Wallets that speak both schemes may notify twice; a payment is one notification.
  const notified = new Set<string>()
  channel.onNotification((plain) => {
    const payment = parsePaymentNotification(plain, now())
    if (payment === null || notified.has(payment.paymentHash)) return
    notified.add(payment.paymentHash)
    if (notified.size > NOTIFIED_LIMIT) notified.delete(notified.values().next().value as string)
    for (const listener of listeners) listener(payment)
  })

  const pace = createPace({ now })
  const call = (method: NwcMethod, params: Record<string, unknown>, signal: AbortSignal) => {
    if (!methods.includes(method)) {
      const what = method.replace('_', ' ')
      return Promise.reject(
        new WalletError(`This wallet connection does not allow ${what}.`, 'unsupported'),
      )
    }
    const ms = method === 'pay_invoice' ? Math.max(timeoutMs, PAY_TIMEOUT_MS) : timeoutMs
    return pace.run(method, () =>
      channel.request(method, params, { encryption, timeoutMs: ms, signal }),
    )
  }
  const unwrap = <T>(r: Result<T, WalletError>): T => {
    if (!r.ok) throw r.error
    return r.value
  }

  const wallet: NwcWallet = {
    kind: 'nwc',
    walletPubkey: connection.walletPubkey,
    relays: connection.relays,
    methods,
    encryption,
    about: abilities.about,
    // Only what the wallet said it allows: a receive-only connection gets no Withdraw.
    canPay: methods.includes('pay_invoice'),
    notifies,
    async createInvoice({ amountMsats, description, expirySeconds, signal }) {
      const params = { amount: amountMsats, description, expiry: expirySeconds }
      const result = await call('make_invoice', params, signal)
      return unwrap(parseMadeInvoice(result, { amountMsats }))
    },
    async lookupInvoice(invoice, signal) {
      const result = await call('lookup_invoice', lookupParams(invoice), signal)
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
    onThrottle: pace.onChange,
    throttle: pace.current,
    close() {
      listeners.clear()
      pace.stop()
      channel.close()
    },
  }
  if (methods.includes('list_transactions')) {
    wallet.lookupInvoices = async (invoices, signal) => {
      // Our invoices live minutes; a day before the oldest expiry reaches past its creation.
      const oldest = Math.min(...invoices.map((i) => i.expiresAt))
      const params = {
        from: Math.floor(oldest / 1000) - DAY_S,
        unpaid: true,
        type: 'incoming',
        limit: Math.max(50, invoices.length * 4),
      }
      const result = await call('list_transactions', params, signal)
      return unwrap(parseTransactions(result, invoices, now()))
    }
  }
  return wallet
}
