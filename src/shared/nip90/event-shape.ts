import type { NostrEvent } from './types.ts'
import { MAX_EVENT_BYTES } from './kinds.ts'

const HEX64 = /^[0-9a-f]{64}$/
const HEX128 = /^[0-9a-f]{128}$/

/** Parse untrusted JSON-ish data into an event shape, or say why not. */
export const parseEventShape = (raw: unknown): NostrEvent | { error: string } => {
  if (typeof raw !== 'object' || raw === null) return { error: 'not an object' }
  const e = raw as Record<string, unknown>
  if (typeof e.id !== 'string' || !HEX64.test(e.id)) return { error: 'bad id' }
  if (typeof e.pubkey !== 'string' || !HEX64.test(e.pubkey)) return { error: 'bad pubkey' }
  if (typeof e.sig !== 'string' || !HEX128.test(e.sig)) return { error: 'bad signature' }
  if (typeof e.kind !== 'number' || !Number.isInteger(e.kind) || e.kind < 0)
    return { error: 'bad kind' }
  if (typeof e.created_at !== 'number' || !Number.isInteger(e.created_at) || e.created_at < 0) {
    return { error: 'bad created_at' }
  }
  if (typeof e.content !== 'string') return { error: 'bad content' }
  if (
    !Array.isArray(e.tags) ||
    !e.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'))
  ) {
    return { error: 'bad tags' }
  }
  const event = raw as NostrEvent
  if (eventSize(event) > MAX_EVENT_BYTES)
    return { error: `larger than ${MAX_EVENT_BYTES / 1024} KiB` }
  return event
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

/**
 * Serialized size, at least: ASCII strings count their length (the common, fast case); any
 * string that might be over the cap counts its UTF-8 bytes.
 */
export const eventSize = (e: Pick<NostrEvent, 'content' | 'tags'>): number => {
  const size = (text: string) => (text.length * 3 < MAX_EVENT_BYTES ? text.length : utf8Bytes(text))
  let total = 300 + size(e.content)
  for (const tag of e.tags) for (const v of tag) total += size(v) + 3
  return total
}

export const tagValue = (e: Pick<NostrEvent, 'tags'>, name: string): string | undefined =>
  e.tags.find((t) => t[0] === name)?.[1]

export const hasTag = (e: Pick<NostrEvent, 'tags'>, name: string): boolean =>
  e.tags.some((t) => t[0] === name)
