/**
 * One form of a customer everywhere: the npub people see in other Nostr apps, shortened the
 * same way in every pane and log line, and a filter that takes back whatever the screen shows
 * (the whole npub, the hex key, or the shortened npub as displayed).
 */
import { decode, npubEncode } from 'nostr-tools/nip19'

const HEX_KEY = /^[0-9a-f]{64}$/
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
/** "npub1" and five more characters, an ellipsis, the last four: "npub1abcde…wxyz". */
const SHORT_HEAD = 10
const SHORT_TAIL = 4

/** A customer's pubkey as an npub; the text as it is when it is not a valid key. */
export const customerNpub = (pubkey: string): string => {
  try {
    return HEX_KEY.test(pubkey) ? npubEncode(pubkey) : pubkey
  } catch {
    return pubkey
  }
}

/** The one short form of a customer, in Job History, the Log and Sell Compute alike. */
export const shortNpub = (pubkey: string): string => {
  const npub = customerNpub(pubkey)
  if (npub.length <= SHORT_HEAD + SHORT_TAIL + 1) return npub
  return `${npub.slice(0, SHORT_HEAD)}…${npub.slice(-SHORT_TAIL)}`
}

/** A shortened npub: its first characters (with "npub1") and its last ones. */
export interface ShortNpub {
  head: string
  tail: string
}

export type CustomerMatch =
  | { kind: 'none' }
  | { kind: 'key'; hex: string }
  | { kind: 'short'; short: ShortNpub }
  | { kind: 'invalid'; reason: string }

const isBech32 = (s: string) => [...s].every((c) => BECH32.includes(c))
// An ellipsis as shown, or three dots as typed.
const SHORT_FORM = /^(npub1[a-z0-9]+)(?:…|\.\.\.)([a-z0-9]+)$/

/** What the person typed in a customer box: nothing, a key, a shortened npub, or why not. */
export const parseCustomer = (text: string): CustomerMatch => {
  const typed = text.trim().toLowerCase()
  if (typed === '') return { kind: 'none' }
  if (HEX_KEY.test(typed)) return { kind: 'key', hex: typed }
  if (typed.startsWith('npub1')) {
    try {
      const decoded = decode(typed as `npub1${string}`)
      if (decoded.type === 'npub') return { kind: 'key', hex: decoded.data }
    } catch {
      // A shortened npub, or the reason below.
    }
    const short = SHORT_FORM.exec(typed)
    const head = short?.[1]
    const tail = short?.[2]
    // An npub is 63 characters; a head and tail that long would have decoded above.
    if (head && tail && isBech32(head.slice(5) + tail) && head.length + tail.length < 63)
      return { kind: 'short', short: { head, tail } }
  }
  return {
    kind: 'invalid',
    reason:
      "Enter the customer's npub (npub1…, whole or shortened as shown, like npub1abcde…wxyz) or hex public key.",
  }
}

/** Whether a customer's key is the one a shortened npub stands for. */
export const matchesShort = (hex: string, { head, tail }: ShortNpub): boolean => {
  const npub = customerNpub(hex)
  return npub.startsWith(head) && npub.endsWith(tail)
}

/**
 * The hex keys whose npub starts with `head`: each character after "npub1" is five bits of
 * the key, so a head fixes the key's first bits and every match lies in one range of hex
 * keys (the tail is checksum and is checked per key, with matchesShort).
 */
export const shortNpubKeyRange = ({ head }: ShortNpub): { lower: string; upper: string } => {
  const bits = [...head.slice(5)]
    .map((c) => BECH32.indexOf(c).toString(2).padStart(5, '0'))
    .join('')
    .slice(0, 256)
  const toHex = (fill: '0' | '1') => {
    const all = bits.padEnd(256, fill)
    let hex = ''
    for (let i = 0; i < 256; i += 4) hex += parseInt(all.slice(i, i + 4), 2).toString(16)
    return hex
  }
  return { lower: toHex('0'), upper: toHex('1') }
}
