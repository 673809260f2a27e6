/**
 * NIP-47 on the wire, as plain data: the wallet's info event, its encrypted payloads, and its
 * results turned into our wallet types. Everything the wallet says is untrusted input here;
 * what leaves this module is checked.
 */
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { err, ok, type Result } from '../../shared/result.ts'
import { readBolt11 } from './bolt11-amount.ts'
import { WalletError, type IncomingPayment, type Invoice, type InvoiceStatus } from './wallet.ts'

export const KIND_NWC_INFO = 13194
export const KIND_NWC_REQUEST = 23194
export const KIND_NWC_RESPONSE = 23195
export const KIND_NWC_NOTIFICATION_NIP04 = 23196
export const KIND_NWC_NOTIFICATION_NIP44 = 23197

export type NwcEncryption = 'nip44_v2' | 'nip04'
export type NwcMethod = 'make_invoice' | 'lookup_invoice' | 'get_balance' | 'pay_invoice'

export interface NwcInfo {
  methods: string[]
  /** The schemes the wallet offers, as it wrote them (unknown ones included). */
  encryptions: string[]
  notifications: string[]
}

type Json = Record<string, unknown>

const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter((w) => w !== '')

export const parseNwcInfo = (event: { content: string; tags: string[][] }): NwcInfo => {
  const tagWords = (name: string) =>
    event.tags.filter((t) => t[0] === name).flatMap((t) => t.slice(1).flatMap(words))
  const encryptions = tagWords('encryption')
  return {
    methods: words(event.content),
    // NIP-47: a wallet that names no encryption predates NIP-44 and speaks NIP-04 only.
    encryptions: encryptions.length > 0 ? encryptions : ['nip04'],
    notifications: tagWords('notifications'),
  }
}

export const chooseEncryption = (info: NwcInfo): Result<NwcEncryption> => {
  if (info.encryptions.includes('nip44_v2')) return ok('nip44_v2')
  if (info.encryptions.includes('nip04')) return ok('nip04')
  return err(
    `The wallet only offers encryption this app does not speak (${info.encryptions.join(', ')}). ` +
      'Use a wallet that supports NIP-44 or NIP-04.',
  )
}

/** Encrypt to and decrypt from one wallet with the connection secret. */
export const nwcCipher = (secretKey: Uint8Array, walletPubkey: string) => {
  const conversationKey = nip44.v2.utils.getConversationKey(secretKey, walletPubkey)
  return {
    encrypt: (scheme: NwcEncryption, text: string): string =>
      scheme === 'nip04'
        ? nip04.encrypt(secretKey, walletPubkey, text)
        : nip44.v2.encrypt(text, conversationKey),
    /** Throws when the payload was not encrypted by the wallet for us. */
    decrypt: (content: string): string =>
      content.includes('?iv=')
        ? nip04.decrypt(secretKey, walletPubkey, content)
        : nip44.v2.decrypt(content, conversationKey),
  }
}

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const VERB: Record<NwcMethod, string> = {
  make_invoice: 'create an invoice',
  lookup_invoice: 'look up the invoice',
  get_balance: 'read the balance',
  pay_invoice: 'pay the invoice',
}

const ERRORS: Record<string, [WalletError['code'], string]> = {
  RATE_LIMITED: ['rejected', 'it says we are asking too fast; it will work again in a few seconds'],
  NOT_IMPLEMENTED: ['unsupported', 'it does not support this'],
  INSUFFICIENT_BALANCE: ['insufficient-funds', 'it does not have enough funds'],
  QUOTA_EXCEEDED: ['insufficient-funds', "this connection's budget is used up; raise it there"],
  RESTRICTED: ['rejected', 'this connection lacks the permission; grant it or make a new one'],
  UNAUTHORIZED: ['rejected', 'it no longer knows this connection; create a new one'],
  UNSUPPORTED_ENCRYPTION: ['unsupported', 'it cannot read the encryption we used'],
  PAYMENT_FAILED: ['rejected', 'the payment failed (no route, a timeout, or too little capacity)'],
  NOT_FOUND: ['rejected', 'it has no such invoice'],
  INTERNAL: ['other', 'it had an internal error; try again, or check the wallet'],
}

const invalid = (method: NwcMethod, what: string) =>
  new WalletError(`The wallet's answer to ${method} makes no sense: ${what}.`, 'invalid-response')

/** The `result` of a decrypted response, or the wallet's error in words. */
export const parseNwcResponse = (plain: string, method: NwcMethod): Result<Json, WalletError> => {
  const body = parseJson(plain)
  if (!isJson(body)) return err(invalid(method, 'it is not a JSON object'))
  if (isJson(body.error)) {
    const code = typeof body.error.code === 'string' ? body.error.code : 'OTHER'
    const said = typeof body.error.message === 'string' ? body.error.message.slice(0, 200) : ''
    const [kind, why] = ERRORS[code] ?? ['other', `it reported ${code}`]
    const quote = said === '' ? '' : ` (the wallet says: "${said}")`
    return err(new WalletError(`The wallet could not ${VERB[method]}: ${why}${quote}.`, kind))
  }
  if (typeof body.result_type === 'string' && body.result_type !== method) {
    return err(invalid(method, `it answers ${body.result_type} instead`))
  }
  if (!isJson(body.result)) return err(invalid(method, 'it has no result'))
  return ok(body.result)
}

const HEX64 = /^[0-9a-fA-F]{64}$/
const seconds = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v * 1000 : undefined
const msats = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined
const sats = (m: number) => `${m / 1000} sats`

export const parseMadeInvoice = (
  result: Json,
  asked: { amountMsats: number; expirySeconds: number },
  now: number,
): Result<Invoice, WalletError> => {
  const bad = (what: string) => err(invalid('make_invoice', what))
  const bolt11 = typeof result.invoice === 'string' ? result.invoice.trim() : ''
  if (bolt11 === '') return bad('there is no invoice in it')
  const summary = readBolt11(bolt11)
  if (summary === null) return bad('the invoice is not a lightning invoice')
  if (summary.amountMsats === null) return bad('the invoice has no amount, so any payment would do')
  if (summary.amountMsats !== asked.amountMsats) {
    return bad(`the invoice asks for ${sats(summary.amountMsats)}, not ${sats(asked.amountMsats)}`)
  }
  const claimed = msats(result.amount)
  if (claimed !== undefined && claimed !== asked.amountMsats) {
    return bad(`it says ${sats(claimed)}, not ${sats(asked.amountMsats)}`)
  }
  if (result.type !== undefined && result.type !== 'incoming') return bad('it is not incoming')
  if (typeof result.payment_hash !== 'string' || !HEX64.test(result.payment_hash)) {
    return bad('it has no payment hash')
  }
  const paymentHash = result.payment_hash.toLowerCase()
  return ok({
    id: paymentHash,
    bolt11,
    paymentHash,
    amountMsats: asked.amountMsats,
    expiresAt: seconds(result.expires_at) ?? now + asked.expirySeconds * 1000,
  })
}

export const parseLookup = (
  result: Json,
  asked: { paymentHash: string; bolt11: string },
  now: number,
): Result<InvoiceStatus, WalletError> => {
  const bad = (what: string) => err(invalid('lookup_invoice', what))
  const hash = typeof result.payment_hash === 'string' ? result.payment_hash.toLowerCase() : ''
  if (hash !== '' && hash !== asked.paymentHash.toLowerCase()) return bad('it is another invoice')
  if (result.type !== undefined && result.type !== 'incoming') return bad('it is not incoming')
  const amountMsats = msats(result.amount) ?? readBolt11(asked.bolt11)?.amountMsats ?? undefined
  if (amountMsats === undefined) return bad('it has no amount')
  const settledAt = seconds(result.settled_at)
  const expiresAt = seconds(result.expires_at)
  // Settled only on the wallet's word: its `state`, or for wallets older than `state`, a
  // settlement time. A preimage proves nothing: the wallet made it along with the invoice.
  const state =
    result.state === 'settled' || result.state === 'expired' || result.state === 'failed'
      ? result.state
      : result.state === 'pending' || result.state === 'accepted'
        ? 'pending'
        : settledAt !== undefined
          ? 'settled'
          : expiresAt !== undefined && expiresAt <= now
            ? 'expired'
            : 'pending'
  const status: InvoiceStatus = { state, amountMsats }
  if (state === 'settled') status.settledAt = settledAt ?? now
  return ok(status)
}

export const parseBalance = (result: Json): Result<{ msats: number }, WalletError> => {
  const balance = msats(result.balance)
  return balance === undefined
    ? err(invalid('get_balance', 'it has no balance'))
    : ok({ msats: balance })
}

/** A `payment_received` notification, or null for any other (or malformed) notification. */
export const parsePaymentNotification = (plain: string, now: number): IncomingPayment | null => {
  const body = parseJson(plain)
  if (!isJson(body) || body.notification_type !== 'payment_received') return null
  const n = body.notification
  if (!isJson(n) || typeof n.payment_hash !== 'string' || !HEX64.test(n.payment_hash)) return null
  const amountMsats = msats(n.amount)
  if (amountMsats === undefined) return null
  return {
    paymentHash: n.payment_hash.toLowerCase(),
    amountMsats,
    at: seconds(n.settled_at) ?? now,
  }
}
