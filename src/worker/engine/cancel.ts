import { isFinal, phaseOf, type JobRecord } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Log } from '../log.ts'
import type { Finish } from './finish.ts'
import { CANCELLED_BY_CUSTOMER } from './job-stop.ts'
import type { JobQueue } from './queue.ts'

export interface CancelDeps {
  get: (id: string) => Promise<JobRecord | undefined>
  queue: Pick<JobQueue, 'abort'>
  finish: Finish
  log: Log
}

/**
 * A kind 5 deletion cancels the jobs it names, but only those its own author asked for. A
 * running job is aborted (the runner answers); one not started yet is cancelled here.
 */
export const createCanceller = (d: CancelDeps) => async (deletion: NostrEvent) => {
  const ids = deletion.tags.filter((t) => t[0] === 'e' && t[1]).map((t) => t[1] as string)
  for (const id of ids.slice(0, 50)) {
    const job = await d.get(id)
    if (!job || isFinal(job.state)) continue
    if (job.customer !== deletion.pubkey) {
      d.log(
        'info',
        `ignored a deletion of job ${id.slice(0, 8)} by someone other than its customer`,
      )
      continue
    }
    if (phaseOf(job) === 'delivering') {
      d.log('info', `job ${id.slice(0, 8)}: cancel came after the result was ready; delivering it`)
      continue
    }
    if (d.queue.abort(id, CANCELLED_BY_CUSTOMER)) continue
    await d.finish(job, { kind: 'cancelled', whileRunning: false })
  }
}
