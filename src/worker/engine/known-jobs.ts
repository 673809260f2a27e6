/**
 * Which requests the journal holds, for intake's "is this a replay?" (a refusal or an invoice
 * must not answer a request already taken). Asking IndexedDB each time costs a transaction per
 * request, thousands a second in a flood; so each online session reads once the ids of every
 * job a replay could be, and intake's own writes keep the set current.
 *
 * A replay could only be a request still within the lookback (older ones are ignored before
 * anyone asks), received no earlier than an hour before it was made (a customer's clock may be
 * that far ahead; further is "from the future"). Too many such jobs to hold: IndexedDB is asked.
 */
import type { JobStore } from '../store/job-store.ts'
import { isKnownError, type Journal } from './journal.ts'

const CLOCK_AHEAD_MS = 3600_000
const MAX_HELD = 50_000

export interface KnownJobs {
  has(id: string): Promise<boolean>
  /** `journal.create`, noting each job it writes, or finds written already. */
  create: Journal['create']
}

export const createKnownJobs = (
  store: Pick<JobStore, 'has' | 'idsSince'>,
  journal: Pick<Journal, 'create'>,
  notBeforeS: number,
): KnownJobs => {
  const written = new Set<string>()
  const held = store.idsSince(notBeforeS * 1000 - CLOCK_AHEAD_MS, MAX_HELD + 1).then(
    (ids) => (ids.length > MAX_HELD ? null : new Set(ids)),
    () => null,
  )
  return {
    async has(id) {
      if (written.has(id)) return true
      const ids = await held
      return ids ? ids.has(id) : store.has(id)
    },
    async create(job, then) {
      try {
        const created = await journal.create(job, then)
        written.add(job.id)
        return created
      } catch (e) {
        // Refused as stored already: a replay, known from now on. Any other failure: not held.
        if (isKnownError(e)) written.add(job.id)
        throw e
      }
    },
  }
}
