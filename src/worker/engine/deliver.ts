import type { JobRecord } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Log } from '../log.ts'
import { backoffMs, sleep } from '../relay/backoff.ts'
import type { Finish } from './finish.ts'
import type { Replies } from './replies.ts'

const DELIVERY_ATTEMPTS = 6

export interface DeliverDeps {
  publish: Replies['publish']
  finish: Finish
  log: Log
  /** Whether one of our relays is connected: without one, publishing cannot even be tried. */
  connected: () => boolean
}

/**
 * A delivering job: publish its journaled result until a relay takes it, then it is completed.
 * With no relay connected (offline, or not yet back) it waits, delivering: the engine sends it
 * again on every new relay connection, Go Online included. When relays were there and none
 * took it, the job ends failed, and owed if it was paid.
 */
export const deliver = async (d: DeliverDeps, job: JobRecord): Promise<void> => {
  const event = job.resultEvent as NostrEvent
  const giveUp = new AbortController()
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (!d.connected()) {
      d.log(
        'warn',
        `job ${job.id.slice(0, 8)}: no relay connected; its result will be sent again when back online`,
      )
      return
    }
    if (await d.publish(event, job.replyRelays).catch(() => false)) {
      await d.finish(job, { kind: 'completed' })
      return
    }
    await sleep(backoffMs(attempt), giveUp.signal)
  }
  await d.finish(job, {
    kind: 'failed',
    cause: `no relay accepted the result after ${DELIVERY_ATTEMPTS} tries`,
  })
}
