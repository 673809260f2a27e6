/**
 * A payment the wallet reports after its job already ended unpaid. The job cannot run any
 * more (an ended job stays ended), but the money is the customer's: the record says it was
 * paid and is owed, the log says so loudly, and the customer is told.
 */
import type { IncomingPayment } from '../wallet/wallet.ts'
import { journal, sendFeedback, type JobContext } from './context.ts'
import { owedWords } from './run-job.ts'

export const settleLate = async (ctx: JobContext, jobId: string, p: IncomingPayment) => {
  const job = await ctx.store.get(jobId)
  if (!job || job.paidMsats !== undefined || job.state === 'awaiting-payment') return
  const owed = owedWords(p.amountMsats)
  const error = `${job.error ?? job.state}; then the wallet reported the payment. ${owed}`
  const marked = await journal(ctx, job, null, {
    paidMsats: p.amountMsats,
    paidAt: ctx.now(),
    owedMsats: p.amountMsats,
    error,
  })
  ctx.hub.log('error', `job ${jobId.slice(0, 8)}: paid after it ${job.state}. ${owed}`)
  await sendFeedback(ctx, marked, {
    status: 'error',
    text: `Your payment arrived after this job had ${job.state}. ${owed}`,
  })
}
