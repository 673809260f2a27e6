/** The one invoice of a paid job: asked of the wallet, journaled, then quoted to the customer. */
import type { JobRecord } from '../../shared/job-state.ts'
import { withNotes } from '../../shared/nip90/index.ts'
import { errorText } from '../log.ts'
import type { PaymentContext } from './payment.ts'

const MAKE_INVOICE_TIMEOUT_MS = 15_000

/** Ask the wallet for the job's invoice, journal it, then tell the customer the price. */
export const invoiceJob = async (
  ctx: Pick<PaymentContext, 'wallet' | 'journal' | 'feedback' | 'finish' | 'log'> & {
    invoiceExpirySeconds: () => number
  },
  job: JobRecord,
): Promise<JobRecord> => {
  const wallet = ctx.wallet()
  try {
    if (!wallet) throw new Error('no wallet is connected')
    const invoice = await wallet.createInvoice({
      amountMsats: job.priceMsats,
      description: `Sell Compute job ${job.id.slice(0, 12)}`,
      expirySeconds: ctx.invoiceExpirySeconds(),
      signal: AbortSignal.timeout(MAKE_INVOICE_TIMEOUT_MS),
    })
    const invoiced = await ctx.journal.write(job, { patch: { invoice } })
    await ctx.feedback(invoiced, {
      status: 'payment-required',
      text: withNotes(`Pay ${Math.ceil(job.priceMsats / 1000)} sats to run this job`, job.notes),
      amount: { msats: job.priceMsats, bolt11: invoice.bolt11 },
    })
    ctx.log('info', `job ${job.id.slice(0, 8)}: invoice for ${job.priceMsats / 1000} sats sent`)
    return invoiced
  } catch (e) {
    return ctx.finish(job, { kind: 'not-invoiced', cause: errorText(e) })
  }
}
