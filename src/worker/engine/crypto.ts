import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import {
  detectEncryption,
  type Encryption,
  type NostrEvent,
  type Seal,
} from '../../shared/nip90/index.ts'
import { err, ok, type Result } from '../../shared/result.ts'

/** Decrypt an encrypted request's private tags: a JSON array of string arrays. */
export const decryptRequestTags = (
  event: NostrEvent,
  secretKey: Uint8Array,
): Result<string[][]> => {
  const scheme = detectEncryption(event.content)
  if (!scheme) return err('encrypted content is neither NIP-04 nor NIP-44')
  let plain: string
  try {
    plain =
      scheme === 'nip04'
        ? nip04.decrypt(secretKey, event.pubkey, event.content)
        : nip44.decrypt(event.content, nip44.getConversationKey(secretKey, event.pubkey))
  } catch {
    return err(`could not decrypt the ${scheme.toUpperCase()} request (encrypted for another key?)`)
  }
  let tags: unknown
  try {
    tags = JSON.parse(plain)
  } catch {
    return err('the decrypted request is not JSON')
  }
  if (
    !Array.isArray(tags) ||
    !tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'))
  ) {
    return err('the decrypted request is not a list of tags')
  }
  return ok(tags as string[][])
}

/** Encrypt a reply with the scheme the customer used. */
export const encryptFor = (
  scheme: Encryption,
  customer: string,
  text: string,
  secretKey: Uint8Array,
): string =>
  scheme === 'nip04'
    ? nip04.encrypt(secretKey, customer, text)
    : nip44.encrypt(text, nip44.getConversationKey(secretKey, customer))

/** The seal for replies to a job: its request's scheme, or none for a request in the clear. */
export const sealFor = (
  scheme: Encryption | undefined | null,
  customer: string,
  secretKey: Uint8Array,
): Seal | undefined =>
  scheme ? (plain) => encryptFor(scheme, customer, plain, secretKey) : undefined
