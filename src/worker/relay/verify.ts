import { verifyEvent } from 'nostr-tools/pure'
import { parseEventShape, type NostrEvent } from '../../shared/nip90/index.ts'

/** Shape, size, then signature: cheap checks first, and never a throw. */
export const checkEvent = (raw: unknown): NostrEvent | { error: string } => {
  const shaped = parseEventShape(raw)
  if ('error' in shaped) return shaped
  try {
    // A fresh object of the seven fields: never trust a cached "verified" mark on the input.
    const { id, pubkey, created_at, kind, tags, content, sig } = shaped
    const event = { id, pubkey, created_at, kind, tags, content, sig }
    return verifyEvent(event) ? shaped : { error: 'bad id or signature' }
  } catch {
    return { error: 'bad id or signature' }
  }
}
