import { readBolt11 } from './bolt11-amount.ts'
import type { SparkSdkWallet, SparkSendRequest } from './spark-sdk.ts'
import { sendStage } from './spark-status.ts'
import { pause } from './spark-deadline.ts'
import { WalletError } from './wallet.ts'

/** Spark's advice: at most the greater of 5 sats and 17 basis points of the amount. */
export const lightningFeeLimitSats = (amountSats: number): number =>
  Math.max(5, Math.ceil((amountSats * 17) / 10_000))

export interface PayOptions {
  signal: AbortSignal
  /** How long to follow the payment before telling the person to check the balance. */
  payTimeoutMs: number
  pollMs: number
  now: () => number
  /** One SDK call under the wallet's deadline and error mapping. */
  call: <T>(what: string, signal: AbortSignal, work: () => Promise<T>) => Promise<T>
}

/**
 * Pays, then follows the payment until Spark says it went through or failed: the SDK answers
 * as soon as the payment starts, with no preimage yet. Aborting stops the waiting only; a
 * payment already handed to Spark may still complete.
 */
export const payWithSpark = async (
  wallet: SparkSdkWallet,
  bolt11: string,
  o: PayOptions,
): Promise<{ preimage?: string }> => {
  // Only the amount, to cap the fee; Spark decodes and checks the rest itself.
  const summary = readBolt11(bolt11)
  if (!summary)
    throw new WalletError('This is not a Lightning invoice. Check what was pasted.', 'rejected')
  const msats = summary.amountMsats
  if (msats === null)
    throw new WalletError(
      'This invoice names no amount, and the Spark wallet only pays invoices that do. ' +
        'Ask for an invoice with an amount.',
      'unsupported',
    )
  const maxFeeSats = lightningFeeLimitSats(Math.ceil(msats / 1000))
  const until = o.now() + o.payTimeoutMs
  let request: SparkSendRequest = await o.call('paying an invoice', o.signal, () =>
    wallet.payLightningInvoice({ invoice: bolt11, maxFeeSats }),
  )
  for (;;) {
    const stage = sendStage(request.status, request.paymentPreimage)
    if (stage === 'paid')
      return request.paymentPreimage ? { preimage: request.paymentPreimage } : {}
    if (stage === 'failed')
      throw new WalletError(
        `The payment failed (Spark says ${request.status}). Spark returns the sats it held; ` +
          'check the balance.',
        'rejected',
      )
    if (stage === 'unclear' || o.now() >= until)
      throw new WalletError(
        `The payment is not settled yet (Spark says ${request.status}). ` +
          'Check the balance before paying again.',
        stage === 'unclear' ? 'other' : 'timeout',
      )
    await pause(o.pollMs, o.signal)
    const id = request.id
    request =
      (await o.call('checking a payment', o.signal, () => wallet.getLightningSendRequest(id))) ??
      request
  }
}
