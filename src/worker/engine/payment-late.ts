/**
 * A payment the wallet reports after its job already ended unpaid. The job cannot run any
 * more (an ended job stays ended), but the money is the customer's: the record says it was
 * paid and is owed, the log says so loudly, and the customer is told.
 */
import type { JobRecord } from '../../shared/job-state.ts'
import type { IncomingPayment } from '../wallet/wallet.ts'
import { owedWords } from './finish.ts'
import type { Log } from '../log.ts'
import type { Journal } from './journal.ts'
import type { Replies } from './replies.ts'

export const settleLate = async (
  ctx: {
    get: (id: string) => Promise<JobRecord | undefined>
    journal: Pick<Journal, 'write'>
    feedback: Replies['feedback']
    log: Log
    now: () => number
  },
  jobId: string,
  p: IncomingPayment,
) => {
  const job = await ctx.get(jobId)
  if (!job || job.paidMsats !== undefined || job.state === 'awaiting-payment') return
  const owed = owedWords(p.amountMsats)
  const error = `${job.error ?? job.state}; then the wallet reported the payment. ${owed}`
  const marked = await ctx.journal.write(job, {
    patch: { paidMsats: p.amountMsats, paidAt: ctx.now(), owedMsats: p.amountMsats, error },
  })
  ctx.log('error', `job ${jobId.slice(0, 8)}: paid after it ${job.state}. ${owed}`)
  await ctx.feedback(marked, {
    status: 'error',
    text: `Your payment arrived after this job had ${job.state}. ${owed}`,
  })
}
