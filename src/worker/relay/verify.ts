import { parseEventShape, type NostrEvent } from '../../shared/nip90/index.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { verifySignature } from './signatures.ts'

/** Its id is its hash and its signature its author's, for an event already in shape. */
export const signedByAuthor = (shaped: NostrEvent): boolean => {
  // A fresh object of the seven fields: never trust a cached "verified" mark on the input.
  const { id, pubkey, created_at, kind, tags, content, sig } = shaped
  return verifySignature({ id, pubkey, created_at, kind, tags, content, sig })
}

/** The signature of an event already in shape (`parseEventShape`), as a Result. */
export const checkSigned = (shaped: NostrEvent): Result<NostrEvent> =>
  signedByAuthor(shaped) ? ok(shaped) : err('bad id or signature')

/** Shape, size, then signature: cheap checks first, and never a throw. */
export const checkEvent = (raw: unknown): Result<NostrEvent> => {
  const shaped = parseEventShape(raw)
  return shaped.ok ? checkSigned(shaped.value) : shaped
}
