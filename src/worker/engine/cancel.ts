import { isFinal } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { journal, sendFeedback, type JobContext } from './context.ts'
import { JobAborted } from './run-job.ts'

export const CANCELLED = 'cancelled'

/**
 * A kind 5 deletion cancels the jobs it names, but only those its own author asked for. A
 * running job is aborted (the runner answers); one not started yet is cancelled here.
 */
export const createCanceller =
  (ctx: JobContext, running: Map<string, AbortController>) => async (deletion: NostrEvent) => {
    const ids = deletion.tags.filter((t) => t[0] === 'e' && t[1]).map((t) => t[1] as string)
    for (const id of ids.slice(0, 50)) {
      const job = await ctx.store.get(id)
      if (!job || isFinal(job.state)) continue
      if (job.customer !== deletion.pubkey) {
        ctx.hub.log(
          'info',
          `ignored a deletion of job ${id.slice(0, 8)} by someone other than its customer`,
        )
        continue
      }
      if (job.resultEvent) {
        ctx.hub.log(
          'info',
          `job ${id.slice(0, 8)}: cancel came after the result was ready; delivering it`,
        )
        continue
      }
      const controller = running.get(id)
      if (controller) {
        controller.abort(new JobAborted(CANCELLED))
        continue
      }
      const done = await journal(
        ctx,
        job,
        'cancelled',
        { finishedAt: ctx.now() },
        'cancelled by the customer',
      )
      ctx.hub.log('info', `job ${id.slice(0, 8)} cancelled by the customer`)
      await sendFeedback(ctx, done, { status: 'error', text: CANCELLED })
    }
  }
