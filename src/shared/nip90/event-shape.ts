import { err, ok, type Result } from '../result.ts'
import type { NostrEvent } from './types.ts'
import { MAX_EVENT_BYTES } from './kinds.ts'

const HEX64 = /^[0-9a-f]{64}$/
const HEX128 = /^[0-9a-f]{128}$/

/** Parse untrusted JSON-ish data into an event shape, or say why not. */
export const parseEventShape = (raw: unknown): Result<NostrEvent> => {
  if (typeof raw !== 'object' || raw === null) return err('not an object')
  const e = raw as Record<string, unknown>
  if (typeof e.id !== 'string' || !HEX64.test(e.id)) return err('bad id')
  if (typeof e.pubkey !== 'string' || !HEX64.test(e.pubkey)) return err('bad pubkey')
  if (typeof e.sig !== 'string' || !HEX128.test(e.sig)) return err('bad signature')
  if (typeof e.kind !== 'number' || !Number.isInteger(e.kind) || e.kind < 0) return err('bad kind')
  if (typeof e.created_at !== 'number' || !Number.isInteger(e.created_at) || e.created_at < 0) {
    return err('bad created_at')
  }
  if (typeof e.content !== 'string') return err('bad content')
  if (
    !Array.isArray(e.tags) ||
    !e.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'))
  ) {
    return err('bad tags')
  }
  const event = raw as NostrEvent
  if (eventSize(event) > MAX_EVENT_BYTES) return err(`larger than ${MAX_EVENT_BYTES / 1024} KiB`)
  return ok(event)
}

/** UTF-8 bytes of a string, without allocating. */
const utf8Bytes = (text: string): number => {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3
  }
  return bytes
}

/** UTF-8 bytes of a string as JSON writes it: escapes counted, the quotes not. */
const jsonBytes = (text: string): number => utf8Bytes(JSON.stringify(text)) - 2

/**
 * Serialized size: 300 for the envelope, the content, and each tag value plus 3. Counting
 * characters is the fast, common case; when the event could be over the cap (JSON may spend
 * up to 6 bytes on one character, as \u0000), every value's escaped UTF-8 bytes are counted,
 * so multi-byte text spread over content and tags cannot slip under it.
 */
export const eventSize = (e: Pick<NostrEvent, 'content' | 'tags'>): number => {
  let chars = e.content.length
  let fixed = 300
  for (const tag of e.tags) {
    for (const v of tag) chars += v.length
    fixed += tag.length * 3
  }
  if (fixed + chars * 6 <= MAX_EVENT_BYTES) return fixed + chars
  let total = fixed + jsonBytes(e.content)
  for (const tag of e.tags) for (const v of tag) total += jsonBytes(v)
  return total
}

export const tagValue = (e: Pick<NostrEvent, 'tags'>, name: string): string | undefined =>
  e.tags.find((t) => t[0] === name)?.[1]

export const hasTag = (e: Pick<NostrEvent, 'tags'>, name: string): boolean =>
  e.tags.some((t) => t[0] === name)
