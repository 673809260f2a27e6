/**
 * NIP-47 results turned into our wallet types. Every field is untrusted; the invoice itself
 * (decoded, checksum and all) is the reference the wallet's other claims are checked against.
 */
import { err, ok, type Result } from '../../shared/result.ts'
import { readBolt11 } from './bolt11-amount.ts'
import { invalid, isJson, parseJson, type Json } from './nwc-codec.ts'
import type { IncomingPayment, Invoice, InvoiceStatus, WalletError } from './wallet.ts'

const HEX64 = /^[0-9a-fA-F]{64}$/
const seconds = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v * 1000 : undefined
const msats = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined
const sats = (m: number) => `${m / 1000} sats`
const hashIn = (v: unknown): string | undefined =>
  typeof v === 'string' && HEX64.test(v) ? v.toLowerCase() : undefined

type Asked = Pick<Invoice, 'id' | 'paymentHash' | 'bolt11'>

/** How to ask the wallet about an invoice: by hash, or by its text when it gave no hash. */
export const lookupParams = (invoice: Asked): Json =>
  invoice.id === invoice.paymentHash
    ? { payment_hash: invoice.paymentHash }
    : { invoice: invoice.bolt11 }

export const parseMadeInvoice = (
  result: Json,
  asked: { amountMsats: number },
): Result<Invoice, WalletError> => {
  const bad = (what: string) => err(invalid('make_invoice', what))
  const bolt11 = typeof result.invoice === 'string' ? result.invoice.trim() : ''
  if (bolt11 === '') return bad('there is no invoice in it')
  const decoded = readBolt11(bolt11)
  if (decoded === null) return bad('the invoice is not a valid lightning invoice')
  if (decoded.amountMsats === null) return bad('the invoice has no amount, so any payment would do')
  if (decoded.amountMsats !== asked.amountMsats) {
    return bad(`the invoice asks for ${sats(decoded.amountMsats)}, not ${sats(asked.amountMsats)}`)
  }
  const claimed = msats(result.amount)
  if (claimed !== undefined && claimed !== asked.amountMsats) {
    return bad(`it says ${sats(claimed)}, not ${sats(asked.amountMsats)}`)
  }
  if (result.type !== undefined && result.type !== 'incoming') return bad('it is not incoming')
  // CoinOS sends no payment_hash: the invoice carries one anyway. One it does send must agree.
  const said = result.payment_hash
  if (said !== undefined && said !== null && hashIn(said) !== decoded.paymentHash) {
    return bad('its payment hash is not the one in the invoice')
  }
  const paymentHash = decoded.paymentHash
  return ok({
    id: said === undefined || said === null ? bolt11 : paymentHash,
    bolt11,
    paymentHash,
    amountMsats: asked.amountMsats,
    // The invoice's own expiry is the one payers' wallets obey, whatever the answer says.
    expiresAt: decoded.expiresAt,
  })
}

/** One transaction (a lookup result, or an entry of list_transactions) as an invoice status. */
const statusOf = (
  result: Json,
  asked: Asked,
  now: number,
  method: 'lookup_invoice' | 'list_transactions',
): Result<InvoiceStatus, WalletError> => {
  const bad = (what: string) => err(invalid(method, what))
  const hash = hashIn(result.payment_hash)
  if (hash !== undefined && hash !== asked.paymentHash.toLowerCase())
    return bad('it is another invoice')
  if (hash === undefined && typeof result.invoice === 'string' && result.invoice !== asked.bolt11)
    return bad('it is another invoice')
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

export const parseLookup = (
  result: Json,
  asked: Asked,
  now: number,
): Result<InvoiceStatus, WalletError> => statusOf(result, asked, now, 'lookup_invoice')

/**
 * The statuses of the invoices we asked about, from a list_transactions result. An invoice the
 * list does not name stays unknown; an entry that does not parse is skipped, not believed.
 */
export const parseTransactions = (
  result: Json,
  asked: Asked[],
  now: number,
): Result<Map<string, InvoiceStatus>, WalletError> => {
  if (!Array.isArray(result.transactions))
    return err(invalid('list_transactions', 'it has no list of transactions'))
  const byHash = new Map(asked.map((a) => [a.paymentHash.toLowerCase(), a]))
  const byText = new Map(asked.map((a) => [a.bolt11, a]))
  const found = new Map<string, InvoiceStatus>()
  for (const entry of result.transactions as unknown[]) {
    if (!isJson(entry)) continue
    const hash = hashIn(entry.payment_hash)
    const mine =
      (hash !== undefined ? byHash.get(hash) : undefined) ??
      (typeof entry.invoice === 'string' ? byText.get(entry.invoice) : undefined)
    if (mine === undefined) continue
    const status = statusOf(entry, mine, now, 'list_transactions')
    if (status.ok) found.set(mine.id, status.value)
  }
  return ok(found)
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
  if (!isJson(n)) return null
  // A wallet that names no hash still names the invoice, which carries one.
  const fromInvoice = typeof n.invoice === 'string' ? readBolt11(n.invoice) : null
  const paymentHash = hashIn(n.payment_hash) ?? fromInvoice?.paymentHash
  const amountMsats = msats(n.amount) ?? fromInvoice?.amountMsats ?? undefined
  if (paymentHash === undefined || amountMsats === undefined) return null
  if (fromInvoice && fromInvoice.paymentHash !== paymentHash) return null
  return { paymentHash, amountMsats, at: seconds(n.settled_at) ?? now, via: 'notification' }
}
