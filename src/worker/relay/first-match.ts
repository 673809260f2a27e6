/** Looking an event up on relays: the first match wins, and every wait ends by the deadline. */
import type { Filter } from 'nostr-tools/filter'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { ProviderRelay } from './provider-relay.ts'
import { readRefusal } from './refusal.ts'

/**
 * The first event on this relay matching `filter`, or null at EOSE, close or deadline. A relay
 * that closes the REQ with `auth-required:` is asked once more after AUTH (as NIP-42 says), so a
 * lookup made while AUTH is still under way does not read as "no such event".
 */
export const oneMatch = (
  relay: ProviderRelay,
  filter: Filter,
  deadline: AbortSignal,
): Promise<NostrEvent | null> =>
  new Promise((resolve) => {
    if (deadline.aborted) return resolve(null)
    deadline.addEventListener('abort', () => resolve(null), { once: true })
    const ask = (again: boolean) => {
      const sub = relay.subscribe([{ ...filter, limit: 1 }], {
        onevent: (e) => resolve(e as NostrEvent),
        oneose: () => sub.close(),
        onclose: (reason) => {
          if (again || deadline.aborted || readRefusal(reason).action !== 'auth')
            return resolve(null)
          void relay
            .whenAuthenticated()
            .then((ok) => (ok && !deadline.aborted ? ask(true) : resolve(null)))
        },
        abort: deadline,
      })
    }
    ask(false)
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
