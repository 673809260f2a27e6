/**
 * What a request seen on our relays is to this provider, from its public tags alone: addressed to
 * someone else, encrypted for someone else, or one the engine decides on (and tells the tally).
 */
import type { NostrEvent } from '../nip90/types.ts'
import { parseParams } from '../nip90/params.ts'
import type { DemandReason } from './demand.ts'

export interface RequestFacts {
  /** What the tags alone say; 'ours' when this provider's engine decides. */
  reason: DemandReason | 'ours'
  bidMsats?: number
  maxTokens?: number
  model?: string
}

export const requestFacts = (event: NostrEvent, me: string): RequestFacts => {
  const targets = event.tags.filter((t) => t[0] === 'p').map((t) => t[1])
  const encrypted = event.tags.some((t) => t[0] === 'encrypted')
  const forUs = targets.length === 0 || targets.includes(me)
  const facts: RequestFacts = {
    reason: forUs ? 'ours' : encrypted ? 'encrypted-elsewhere' : 'other-provider',
  }
  // Encrypted requests keep their bid and params in the ciphertext: nothing more to read.
  if (encrypted) return facts
  const bid = event.tags.find((t) => t[0] === 'bid')?.[1]?.trim()
  if (bid && /^\d{1,15}$/.test(bid)) facts.bidMsats = Number(bid)
  const params = parseParams(event.tags)
  if (params.ok) {
    const { maxTokens, model } = params.value
    if (maxTokens !== undefined) facts.maxTokens = maxTokens
    if (model !== undefined) facts.model = model.slice(0, 64)
  }
  return facts
}
