import type { SparkAmount, SparkReceiveStatus, SparkSendStatus } from './spark-sdk.ts'
import type { InvoiceState } from './wallet.ts'

/**
 * Where an invoice stands, in Spark's words. Only TRANSFER_COMPLETED puts the sats in our
 * wallet; LIGHTNING_PAYMENT_RECEIVED means Spark's service provider has the payment but the
 * transfer to us may still fail, so it is in flight, not settled. An in-flight invoice never
 * expires by the clock: the payer has already paid.
 */
type ReceiveStage = 'open' | 'in-flight' | 'settled' | 'failed'

const RECEIVE_STAGES: Record<SparkReceiveStatus, ReceiveStage> = {
  INVOICE_CREATED: 'open',
  TRANSFER_CREATED: 'in-flight',
  PAYMENT_PREIMAGE_RECOVERED: 'in-flight',
  LIGHTNING_PAYMENT_RECEIVED: 'in-flight',
  TRANSFER_COMPLETED: 'settled',
  TRANSFER_CREATION_FAILED: 'failed',
  REFUND_SIGNING_COMMITMENTS_QUERYING_FAILED: 'failed',
  REFUND_SIGNING_FAILED: 'failed',
  PAYMENT_PREIMAGE_RECOVERING_FAILED: 'failed',
  TRANSFER_FAILED: 'failed',
  // A status newer than this SDK: waiting is safer than dropping a payment that arrived.
  FUTURE_VALUE: 'in-flight',
}

const isKnown = <K extends string>(table: Record<K, unknown>, key: string): key is K =>
  Object.hasOwn(table, key)

export const receiveStage = (status: string): ReceiveStage =>
  isKnown(RECEIVE_STAGES, status) ? RECEIVE_STAGES[status] : 'in-flight'

export const invoiceState = (status: string, expiresAt: number, now: number): InvoiceState => {
  const stage = receiveStage(status)
  if (stage === 'settled') return 'settled'
  if (stage === 'failed') return 'failed'
  if (stage === 'open' && now >= expiresAt) return 'expired'
  return 'pending'
}

/**
 * Where an outgoing payment stands. 'paid' once the Lightning payment went through, even if
 * Spark's bookkeeping after it failed (PREIMAGE_PROVIDING_FAILED): the recipient has the money.
 * 'unclear' is a status that says neither; the caller tells the person to check the balance.
 */
type SendStage = 'in-flight' | 'paid' | 'failed' | 'unclear'

const SEND_STAGES: Record<SparkSendStatus, SendStage> = {
  CREATED: 'in-flight',
  REQUEST_VALIDATED: 'in-flight',
  LIGHTNING_PAYMENT_INITIATED: 'in-flight',
  LIGHTNING_PAYMENT_SUCCEEDED: 'paid',
  PREIMAGE_PROVIDED: 'paid',
  PREIMAGE_PROVIDING_FAILED: 'paid',
  TRANSFER_COMPLETED: 'paid',
  USER_TRANSFER_VALIDATION_FAILED: 'failed',
  LIGHTNING_PAYMENT_FAILED: 'failed',
  PENDING_USER_SWAP_RETURN: 'failed',
  USER_SWAP_RETURNED: 'failed',
  USER_SWAP_RETURN_FAILED: 'failed',
  TRANSFER_FAILED: 'unclear',
  FUTURE_VALUE: 'in-flight',
}

export const sendStage = (status: string, preimage: string | undefined): SendStage => {
  // A preimage is proof the recipient was paid, whatever the status says.
  if (preimage) return 'paid'
  return isKnown(SEND_STAGES, status) ? SEND_STAGES[status] : 'in-flight'
}

const MSATS_PER_UNIT: Record<string, number> = {
  MILLISATOSHI: 1,
  SATOSHI: 1000,
  BITCOIN: 100_000_000_000,
}

/** A Spark amount in msats, or undefined for a unit that is not bitcoin. */
export const amountMsats = (a: SparkAmount): number | undefined => {
  const per = isKnown(MSATS_PER_UNIT, a.originalUnit) ? MSATS_PER_UNIT[a.originalUnit] : undefined
  if (per === undefined || !Number.isFinite(a.originalValue) || a.originalValue < 0)
    return undefined
  return Math.round(a.originalValue * per)
}

/** An ISO date from Spark as ms epoch, or `fallback` when it does not parse. */
export const dateMs = (iso: string, fallback: number): number => {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : fallback
}
