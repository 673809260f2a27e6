/**
 * Paid jobs: one invoice per request, ever; work starts only when the wallet itself reports
 * the invoice settled (looked up, on a timer and on the wallet's payment hints).
 */
import type { JobRecord } from '../../shared/job-state.ts'
import { withNotes } from '../../shared/nip90/index.ts'
import { errorText } from '../log.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { journal, sendFeedback, type JobContext } from './context.ts'

const LOOKUP_EVERY_MS = 2000
const LOOKUP_TIMEOUT_MS = 10_000

export interface PaymentContext extends JobContext {
  wallet: () => Wallet | null
  /** The job is paid and journaled as queued: run it. */
  onPaid: (job: JobRecord) => void
}

/** Ask the wallet for the job's invoice, journal it, then tell the customer the price. */
export const invoiceJob = async (ctx: PaymentContext, job: JobRecord): Promise<JobRecord> => {
  const wallet = ctx.wallet()
  try {
    if (!wallet) throw new Error('no wallet is connected')
    const invoice = await wallet.createInvoice({
      amountMsats: job.priceMsats,
      description: `Sell Compute job ${job.id.slice(0, 12)}`,
      expirySeconds: ctx.settings().invoiceExpirySeconds,
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS + 5000),
    })
    const invoiced = await journal(ctx, job, null, { invoice })
    await sendFeedback(ctx, invoiced, {
      status: 'payment-required',
      text: withNotes(`Pay ${Math.ceil(job.priceMsats / 1000)} sats to run this job`, job.notes),
      amount: { msats: job.priceMsats, bolt11: invoice.bolt11 },
    })
    ctx.hub.log('info', `job ${job.id.slice(0, 8)}: invoice for ${job.priceMsats / 1000} sats sent`)
    return invoiced
  } catch (e) {
    const reason = `the provider's wallet could not make an invoice (${errorText(e)})`
    const failed = await journal(
      ctx,
      job,
      'failed',
      { error: reason, finishedAt: ctx.now() },
      reason,
    )
    ctx.hub.log('warn', `job ${job.id.slice(0, 8)}: ${reason}`)
    await sendFeedback(ctx, failed, { status: 'error', text: `Failed: ${reason}` })
    return failed
  }
}

/** Watches every job awaiting payment until it is paid or its invoice expires. */
export const createPaymentWatcher = (ctx: PaymentContext) => {
  const awaiting = new Set<string>()
  let checking = false

  const settle = async (job: JobRecord, amountMsats: number) => {
    const paid = await journal(
      ctx,
      job,
      'queued',
      { paidMsats: amountMsats, paidAt: ctx.now() },
      'paid',
    )
    awaiting.delete(job.id)
    ctx.hub.log('info', `job ${job.id.slice(0, 8)}: paid ${amountMsats / 1000} sats`)
    ctx.onPaid(paid)
  }

  const expire = async (job: JobRecord) => {
    awaiting.delete(job.id)
    const reason = 'the invoice expired unpaid'
    const done = await journal(
      ctx,
      job,
      'expired',
      { error: reason, finishedAt: ctx.now() },
      reason,
    )
    await sendFeedback(ctx, done, { status: 'error', text: `Expired: ${reason}` })
  }

  const checkOne = async (wallet: Wallet, id: string) => {
    const job = await ctx.store.get(id)
    if (!job || job.state !== 'awaiting-payment' || !job.invoice) return void awaiting.delete(id)
    try {
      const status = await wallet.lookupInvoice(job.invoice, AbortSignal.timeout(LOOKUP_TIMEOUT_MS))
      if (status.state === 'settled') {
        if (status.amountMsats < job.priceMsats) {
          ctx.hub.log(
            'warn',
            `job ${id.slice(0, 8)}: wallet reports ${status.amountMsats} msats, less than the price`,
          )
          return
        }
        return settle(job, status.amountMsats)
      }
      if (status.state === 'expired' || status.state === 'failed') return expire(job)
    } catch (e) {
      ctx.hub.log('debug', `job ${id.slice(0, 8)}: invoice lookup failed: ${errorText(e)}`)
    }
    // The clock is a fallback for a wallet that never says "expired"; a settled one wins above.
    if (ctx.now() > job.invoice.expiresAt + LOOKUP_EVERY_MS * 2) return expire(job)
  }

  const checkAll = async () => {
    const wallet = ctx.wallet()
    if (checking || !wallet || awaiting.size === 0) return
    checking = true
    try {
      await Promise.all([...awaiting].map((id) => checkOne(wallet, id)))
    } finally {
      checking = false
    }
  }

  const timer = setInterval(() => void checkAll(), LOOKUP_EVERY_MS)
  return {
    watch(id: string) {
      awaiting.add(id)
    },
    /** A payment hint from the wallet: look now rather than at the next tick. */
    nudge: () => void checkAll(),
    stop: () => clearInterval(timer),
  }
}
