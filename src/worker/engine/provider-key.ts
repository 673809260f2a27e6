import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import * as nip19 from 'nostr-tools/nip19'
import { err, ok, type Result } from '../../shared/result.ts'
import type { KvStore } from '../store/kv-store.ts'

export interface ProviderKey {
  secretKey: Uint8Array
  pubkey: string
  npub: string
}

export const toProviderKey = (secretKey: Uint8Array): ProviderKey => {
  const pubkey = getPublicKey(secretKey)
  return { secretKey, pubkey, npub: nip19.npubEncode(pubkey) }
}

/** The provider's identity: made on first run, kept in the database. */
export const loadOrCreateKey = async (kv: KvStore): Promise<ProviderKey> => {
  const existing = await kv.secretKey()
  if (existing) return toProviderKey(existing)
  const secretKey = generateSecretKey()
  await kv.saveSecretKey(secretKey)
  return toProviderKey(secretKey)
}

export const parseNsec = (text: string): Result<Uint8Array> => {
  try {
    const decoded = nip19.decode(text.trim())
    if (decoded.type !== 'nsec') return err('That is not an nsec (it should start with nsec1).')
    return ok(decoded.data)
  } catch {
    return err('That nsec is not valid: check it was copied whole.')
  }
}

export const encodeNsec = (secretKey: Uint8Array): string => nip19.nsecEncode(secretKey)
