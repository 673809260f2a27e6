/** Looking an event up on relays: the first match wins, and every wait ends by the deadline. */
import type { AbstractRelay } from 'nostr-tools/abstract-relay'
import type { Filter } from 'nostr-tools/filter'
import type { NostrEvent } from '../../shared/nip90/index.ts'

/** The first event on this relay matching `filter`, or null at EOSE, close or deadline. */
export const oneMatch = (
  relay: AbstractRelay,
  filter: Filter,
  deadline: AbortSignal,
): Promise<NostrEvent | null> =>
  new Promise((resolve) => {
    if (deadline.aborted) return resolve(null)
    deadline.addEventListener('abort', () => resolve(null), { once: true })
    const sub = relay.subscribe([{ ...filter, limit: 1 }], {
      onevent: (e) => resolve(e as NostrEvent),
      oneose: () => sub.close(),
      onclose: () => resolve(null),
      abort: deadline,
    })
  })

/** The first non-null answer, or null when every one is null. */
export const firstFound = (answers: Promise<NostrEvent | null>[]): Promise<NostrEvent | null> =>
  new Promise((resolve) => {
    let pending = answers.length
    if (pending === 0) return resolve(null)
    for (const a of answers)
      void a.then(
        (e) => (e ? resolve(e) : --pending === 0 && resolve(null)),
        () => --pending === 0 && resolve(null),
      )
  })
