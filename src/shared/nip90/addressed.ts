import type { NostrEvent } from './types.ts'

/**
 * A request that is not this provider's to answer, read from its tags alone: it names
 * providers and none of them is `provider` (NIP-90 lets a customer name several), or it is
 * encrypted and not for `provider`. Nothing here needs the signature checked first.
 */
export const addressedElsewhere = (event: Pick<NostrEvent, 'tags'>, provider: string): boolean => {
  let named = false
  let encrypted = false
  for (const t of event.tags) {
    if (t[0] === 'p') {
      if (t[1] === provider) return false
      named = true
    } else if (t[0] === 'encrypted') encrypted = true
  }
  return named || encrypted
}
