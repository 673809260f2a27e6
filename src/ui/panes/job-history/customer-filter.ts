import { decode } from 'nostr-tools/nip19'

export type CustomerFilter =
  { kind: 'none' } | { kind: 'key'; hex: string } | { kind: 'invalid'; reason: string }

const HEX_KEY = /^[0-9a-f]{64}$/

/** What the person typed in the customer box: nothing, a customer's key, or why it is not one. */
export const parseCustomerFilter = (text: string): CustomerFilter => {
  const typed = text.trim()
  if (typed === '') return { kind: 'none' }
  if (HEX_KEY.test(typed.toLowerCase())) return { kind: 'key', hex: typed.toLowerCase() }
  if (typed.startsWith('npub1')) {
    try {
      const decoded = decode(typed as `npub1${string}`)
      if (decoded.type === 'npub') return { kind: 'key', hex: decoded.data }
    } catch {
      // Falls through to the reason below.
    }
  }
  return {
    kind: 'invalid',
    reason: "Enter the customer's whole npub (npub1…) or hex public key.",
  }
}
