import { describe, expect, it } from 'vitest'
import { finalizeEvent } from 'nostr-tools/pure'
import { MAX_EVENT_BYTES } from './kinds.ts'
import { eventSize, hasTag, parseEventShape, tagValue } from './event-shape.ts'
import type { NostrEvent } from './types.ts'

/** The event a check let through, or undefined: `toBe` then proves it is the same object. */
const accepted = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined)

const key = new Uint8Array(32).fill(1)

/** A signed event as it comes off the wire: plain JSON data. */
const wire = (over: Partial<NostrEvent> = {}): Record<string, unknown> => ({
  ...JSON.parse(
    JSON.stringify(
      finalizeEvent(
        { kind: 5050, created_at: 1_750_000_000, content: 'hi', tags: [['i', 'hi', 'text']] },
        key,
      ),
    ),
  ),
  ...over,
})

describe('parseEventShape', () => {
  it('returns the very event when every field is well formed', () => {
    const event = wire()
    expect(accepted(parseEventShape(event))).toBe(event)
  })

  it('accepts kind 0, created_at 0, empty content and no tags', () => {
    const event = wire({ kind: 0, created_at: 0, content: '', tags: [] })
    expect(accepted(parseEventShape(event))).toBe(event)
  })

  it.each([null, undefined, 42, 'event', true])('refuses %j: not an object', (raw) => {
    expect(parseEventShape(raw)).toEqual({ ok: false, error: 'not an object' })
  })

  it('refuses an array or an empty object by its first missing field', () => {
    expect(parseEventShape([])).toEqual({ ok: false, error: 'bad id' })
    expect(parseEventShape({})).toEqual({ ok: false, error: 'bad id' })
  })

  const cases: [string, Record<string, unknown>, string][] = [
    ['missing id', { id: undefined }, 'bad id'],
    ['short id', { id: 'ab'.repeat(31) }, 'bad id'],
    ['long id', { id: 'a'.repeat(65) }, 'bad id'],
    ['upper-case id', { id: 'A'.repeat(64) }, 'bad id'],
    ['non-hex id', { id: 'g'.repeat(64) }, 'bad id'],
    ['numeric id', { id: 1 }, 'bad id'],
    ['missing pubkey', { pubkey: undefined }, 'bad pubkey'],
    ['npub pubkey', { pubkey: 'npub1' + 'q'.repeat(59) }, 'bad pubkey'],
    ['upper-case pubkey', { pubkey: 'F'.repeat(64) }, 'bad pubkey'],
    ['missing sig', { sig: undefined }, 'bad signature'],
    ['short sig', { sig: 'a'.repeat(64) }, 'bad signature'],
    ['non-hex sig', { sig: 'z'.repeat(128) }, 'bad signature'],
    ['string kind', { kind: '5050' }, 'bad kind'],
    ['fractional kind', { kind: 5050.5 }, 'bad kind'],
    ['negative kind', { kind: -1 }, 'bad kind'],
    ['NaN kind', { kind: NaN }, 'bad kind'],
    ['missing created_at', { created_at: undefined }, 'bad created_at'],
    ['string created_at', { created_at: '1750000000' }, 'bad created_at'],
    ['negative created_at', { created_at: -1 }, 'bad created_at'],
    ['fractional created_at', { created_at: 1.5 }, 'bad created_at'],
    ['infinite created_at', { created_at: Infinity }, 'bad created_at'],
    ['numeric content', { content: 5 }, 'bad content'],
    ['null content', { content: null }, 'bad content'],
    ['missing tags', { tags: undefined }, 'bad tags'],
    ['object tags', { tags: { i: 'x' } }, 'bad tags'],
    ['a tag that is a string', { tags: ['i'] }, 'bad tags'],
    ['a tag with a number', { tags: [['amount', 21000]] }, 'bad tags'],
    ['a tag with null', { tags: [['e', null]] }, 'bad tags'],
    ['a nested tag', { tags: [['i', ['x']]] }, 'bad tags'],
  ]
  it.each(cases)('refuses %s', (_name, over, error) => {
    expect(parseEventShape({ ...wire(), ...over })).toEqual({ ok: false, error })
  })

  it('accepts an event right at the size cap, refuses one a byte over', () => {
    // eventSize = 300 + content length + sum(value length + 3)
    const atCap = wire({ content: 'x'.repeat(MAX_EVENT_BYTES - 300), tags: [] })
    expect(eventSize(atCap as unknown as NostrEvent)).toBe(MAX_EVENT_BYTES)
    expect(accepted(parseEventShape(atCap))).toBe(atCap)
    const over = wire({ content: 'x'.repeat(MAX_EVENT_BYTES - 299), tags: [] })
    expect(parseEventShape(over)).toEqual({ ok: false, error: 'larger than 64 KiB' })
  })

  it('counts tags towards the size', () => {
    const bigTags = Array.from({ length: 100 }, () => ['i', 'y'.repeat(700), 'text'])
    expect(parseEventShape(wire({ content: '', tags: bigTags }))).toEqual({
      ok: false,
      error: 'larger than 64 KiB',
    })
  })

  // The cap is in bytes on the wire; one character can be up to 4 bytes of UTF-8.
  it('refuses an event whose multi-byte content is far over 64 KiB', () => {
    const content = '€'.repeat(30_000) // 90,000 bytes of UTF-8
    expect(new TextEncoder().encode(content).length).toBeGreaterThan(MAX_EVENT_BYTES)
    expect(parseEventShape(wire({ content }))).toEqual({ ok: false, error: 'larger than 64 KiB' })
  })
})

describe('eventSize, tagValue, hasTag', () => {
  it('adds 300 for the envelope, the content, and each tag value plus 3', () => {
    expect(eventSize({ content: '', tags: [] })).toBe(300)
    expect(eventSize({ content: 'hello', tags: [['i', 'hi', 'text']] })).toBe(
      300 + 5 + (1 + 3) + (2 + 3) + (4 + 3),
    )
  })

  it('reads the first value of the first tag with that name', () => {
    const e = {
      tags: [['p', 'first'], ['p', 'second'], ['encrypted']],
    }
    expect(tagValue(e, 'p')).toBe('first')
    expect(tagValue(e, 'encrypted')).toBeUndefined()
    expect(tagValue(e, 'e')).toBeUndefined()
    expect(hasTag(e, 'encrypted')).toBe(true)
    expect(hasTag(e, 'e')).toBe(false)
  })
})
