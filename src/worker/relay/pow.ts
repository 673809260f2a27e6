/**
 * NIP-13 proof of work, mined in slices that yield to the event loop: the engine worker keeps
 * taking requests and streaming tokens while a `pow:` relay's copy is being mined. One event
 * is mined at a time, so a relay demanding work cannot take every core.
 */
import { getPow } from 'nostr-tools/nip13'
import { getEventHash, type EventTemplate } from 'nostr-tools/pure'

// About 5-15 ms of hashing per slice for small events on these machines.
const HASHES_PER_SLICE = 2000

export interface Mined extends EventTemplate {
  id: string
}

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

let chain: Promise<unknown> = Promise.resolve()

/** The template with a `nonce` tag whose id has `bits` leading zero bits; rejects on abort. */
export const minePow = (
  template: EventTemplate,
  pubkey: string,
  bits: number,
  signal: AbortSignal,
  nowS: () => number = () => Math.floor(Date.now() / 1000),
): Promise<Mined> => {
  const run = chain.then(async () => {
    const tags = template.tags.filter((t) => t[0] !== 'nonce')
    const nonce = ['nonce', '0', String(bits)]
    const draft = { ...template, tags: [...tags, nonce], pubkey }
    for (let n = 0; ; n++) {
      if (n % HASHES_PER_SLICE === 0) {
        await yieldNow()
        signal.throwIfAborted()
        draft.created_at = nowS()
      }
      nonce[1] = String(n)
      const id = getEventHash(draft)
      if (getPow(id) >= bits) {
        const { pubkey: _, ...mined } = draft
        return { ...mined, tags: draft.tags.map((t) => [...t]), id }
      }
    }
  })
  chain = run.catch(() => undefined)
  return run
}
