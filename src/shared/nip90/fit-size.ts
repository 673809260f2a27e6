/**
 * Never publish an event a relay will refuse for its size. strfry refuses events over 65,536
 * bytes and single-letter tag values over 1,024 bytes by default (`maxEventSize`,
 * `maxTagValSize`), and it does not advertise the first in NIP-11, so both are assumed
 * everywhere and a relay's NIP-11 limits can only make them stricter. Applied to a template
 * before signing: the echo of the request is shortened first (long `i` tags, then the
 * `request` tag), `e` and `p` are kept, and the answer itself is never cut.
 */
import type { RelayLimits } from '../worker-api.ts'
import type { EventTemplate } from './types.ts'
import { err, ok, type Result } from '../result.ts'

export interface SizeLimits {
  /** The signed event's JSON, in UTF-8 bytes. */
  maxEventBytes: number
  /** Each value of a single-letter tag, in UTF-8 bytes. */
  maxTagValueBytes: number
  maxContentChars?: number
  maxTags?: number
}

export const STRFRY_LIMITS: SizeLimits = { maxEventBytes: 65_536, maxTagValueBytes: 1024 }

// `["EVENT",` and `]` around the event in the message NIP-11's max_message_length counts.
const ENVELOPE_BYTES = 10
// What a signed event adds to its template: id, pubkey, sig and their keys.
const SIGNED_FIELDS = { id: '0'.repeat(64), pubkey: '0'.repeat(64), sig: '0'.repeat(128) }
const MARK = '…'

/** The strictest of strfry's defaults and what these relays' NIP-11 documents say. */
export const sizeLimitsOf = (relays: RelayLimits[]): SizeLimits => {
  const least = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined && v > 0)
    return known.length > 0 ? Math.min(...known) : undefined
  }
  const messages = least(relays.map((r) => r.maxMessageLength))
  const limits: SizeLimits = {
    maxEventBytes: Math.min(
      STRFRY_LIMITS.maxEventBytes,
      messages === undefined ? Infinity : messages - ENVELOPE_BYTES,
    ),
    maxTagValueBytes: STRFRY_LIMITS.maxTagValueBytes,
  }
  const content = least(relays.map((r) => r.maxContentLength))
  const tags = least(relays.map((r) => r.maxEventTags))
  if (content !== undefined) limits.maxContentChars = content
  if (tags !== undefined) limits.maxTags = tags
  return limits
}

/** UTF-8 length without an encoder: shared code stays free of platform APIs. */
export const utf8Bytes = (text: string): number => {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** The size of the event this template becomes once signed, as a relay measures it. */
export const signedBytes = (t: EventTemplate): number =>
  utf8Bytes(JSON.stringify({ ...SIGNED_FIELDS, ...t }))

/** Cut to at most `max` UTF-8 bytes, mark included, never splitting a character. */
export const cutToBytes = (text: string, max: number): string => {
  if (utf8Bytes(text) <= max) return text
  let out = ''
  let used = utf8Bytes(MARK)
  for (const ch of text) {
    const b = utf8Bytes(ch)
    if (used + b > max) break
    out += ch
    used += b
  }
  return out + MARK
}

/** The template to sign and what was shortened in it, or why the answer cannot be sent. */
export type Fitted = Result<{ template: EventTemplate; shortened: string[] }>

const isEcho = (tag: string[]) => tag[0] === 'i'
const letterTag = (tag: string[]) => tag[0]?.length === 1

export const fitEventSize = (template: EventTemplate, limits: SizeLimits): Fitted => {
  const shortened: string[] = []
  let tags = template.tags.map((t) => [...t])
  const size = () => signedBytes({ ...template, tags })
  const over = () => size() > limits.maxEventBytes
  // Single-letter tag values over the limit: cut (an `i` tag keeps the start of the prompt).
  if (
    tags.some((t) => letterTag(t) && t.slice(1).some((v) => utf8Bytes(v) > limits.maxTagValueBytes))
  ) {
    tags = tags.map((t) =>
      letterTag(t)
        ? [t[0] as string, ...t.slice(1).map((v) => cutToBytes(v, limits.maxTagValueBytes))]
        : t,
    )
    shortened.push(`tag values cut to ${limits.maxTagValueBytes} bytes`)
  }
  if (over() && tags.some(isEcho)) {
    tags = tags.map((t) =>
      isEcho(t) ? [t[0] as string, cutToBytes(t[1] ?? '', 256), ...t.slice(2)] : t,
    )
    shortened.push('input tags cut to 256 bytes')
  }
  if (over() && tags.some((t) => t[0] === 'request')) {
    tags = tags.filter((t) => t[0] !== 'request')
    shortened.push('request tag left out')
  }
  if (over() && tags.some(isEcho)) {
    tags = tags.filter((t) => !isEcho(t))
    shortened.push('input tags left out')
  }
  if (limits.maxTags !== undefined && tags.length > limits.maxTags) {
    tags = [...tags.filter((t) => !isEcho(t)), ...tags.filter(isEcho)].slice(0, limits.maxTags)
    shortened.push(`tags cut to ${limits.maxTags}`)
  }
  if (over()) {
    const bytes = utf8Bytes(template.content)
    return err(
      `the answer is ${bytes.toLocaleString('en')} bytes and the event would be ${size().toLocaleString('en')}; the relays take at most ${limits.maxEventBytes.toLocaleString('en')}`,
    )
  }
  if (
    limits.maxContentChars !== undefined &&
    [...template.content].length > limits.maxContentChars
  ) {
    return err(
      `the answer is ${[...template.content].length.toLocaleString('en')} characters; the relays take at most ${limits.maxContentChars.toLocaleString('en')}`,
    )
  }
  return ok({ template: { ...template, tags }, shortened })
}

// Room kept for tags after shortening (e, p, model, usage, amount, alt, status, cut inputs).
const TAG_ROOM_BYTES = 6 * 1024
// A token is about 4 characters of English; JSON escapes and other scripts cost more.
const BYTES_PER_TOKEN = 6
// NIP-44 pads to a power of two and base64 adds a third; NIP-04 adds the base64 third.
const ENCRYPTED_GROWTH = 1.6

/** The most tokens whose answer still fits these limits, so `max_tokens` can be capped. */
export const maxTokensThatFit = (limits: SizeLimits, encrypted: boolean): number => {
  const room = Math.max(0, limits.maxEventBytes - TAG_ROOM_BYTES)
  const perToken = BYTES_PER_TOKEN * (encrypted ? ENCRYPTED_GROWTH : 1)
  const byContent = limits.maxContentChars ? Math.floor(limits.maxContentChars / 4) : Infinity
  return Math.max(1, Math.min(Math.floor(room / perToken), byContent))
}
