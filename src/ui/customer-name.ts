import { npubEncode } from 'nostr-tools/nip19'

/** A customer's pubkey as people see it elsewhere: an npub. Hex if it is not a valid key. */
export const customerNpub = (pubkey: string): string => {
  try {
    return /^[0-9a-f]{64}$/.test(pubkey) ? npubEncode(pubkey) : pubkey
  } catch {
    return pubkey
  }
}
