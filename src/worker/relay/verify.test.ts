import { describe, expect, it } from 'vitest'
import { finalizeEvent, getEventHash, getPublicKey } from 'nostr-tools/pure'
import { checkEvent } from './verify.ts'

/** The event a check let through, or undefined: `toBe` then proves it is the same object. */
const accepted = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined)

const key = new Uint8Array(32).fill(7)
const otherKey = new Uint8Array(32).fill(8)

/** An event as it arrives from a relay: JSON, with none of nostr-tools' in-memory marks. */
const fromWire = <T>(value: T): Record<string, unknown> => JSON.parse(JSON.stringify(value))

const signedEvent = () =>
  finalizeEvent(
    {
      kind: 5050,
      created_at: 1_750_000_000,
      content: '',
      tags: [
        ['i', 'Write a haiku', 'text'],
        ['param', 'model', 'llama3.2'],
      ],
    },
    key,
  )

const flipHex = (hex: string, at: number) =>
  hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1)

describe('checkEvent', () => {
  it('accepts a real signed event', () => {
    const event = fromWire(signedEvent())
    expect(checkEvent(event)).toEqual({ ok: true, value: event })
    expect(accepted(checkEvent(event))).toBe(event)
  })

  it('accepts events with unicode content and many tags', () => {
    const event = fromWire(
      finalizeEvent(
        {
          kind: 1,
          created_at: 1,
          content: 'Grüße 👋 «ñ»\n"quoted"',
          tags: Array.from({ length: 50 }, (_, i) => ['t', `tag${i}`]),
        },
        key,
      ),
    )
    expect(accepted(checkEvent(event))).toBe(event)
  })

  it.each<[string, (e: Record<string, unknown>) => void]>([
    ['content', (e) => (e.content = 'Write a limerick')],
    ['tags', (e) => (e.tags = [['i', 'Write a limerick', 'text']])],
    ['kind', (e) => (e.kind = 5051)],
    ['created_at', (e) => (e.created_at = 1_750_000_001)],
    ['pubkey', (e) => (e.pubkey = getPublicKey(otherKey))],
    ['id', (e) => (e.id = flipHex(e.id as string, 10))],
    ['sig (first half)', (e) => (e.sig = flipHex(e.sig as string, 5))],
    ['sig (second half)', (e) => (e.sig = flipHex(e.sig as string, 100))],
    ['sig (all zeros)', (e) => (e.sig = '0'.repeat(128))],
    [
      'sig (from another event)',
      (e) =>
        (e.sig = fromWire(
          finalizeEvent({ kind: 1, created_at: 1, content: '', tags: [] }, key),
        ).sig),
    ],
  ])('rejects an event with tampered %s', (_field, tamper) => {
    const event = fromWire(signedEvent())
    tamper(event)
    expect(checkEvent(event)).toEqual({ ok: false, error: 'bad id or signature' })
  })

  it('rejects a correct id with a signature by someone else', () => {
    const mine = fromWire(signedEvent())
    const theirs = fromWire(
      finalizeEvent({ kind: 5050, created_at: 1_750_000_000, content: '', tags: [] }, otherKey),
    )
    expect(checkEvent({ ...mine, sig: theirs.sig })).toEqual({
      ok: false,
      error: 'bad id or signature',
    })
  })

  it('rejects, without throwing, a matching id for a pubkey that is not a curve point', () => {
    const event: Record<string, unknown> = { ...fromWire(signedEvent()), pubkey: 'f'.repeat(64) }
    event.id = getEventHash(event as unknown as Parameters<typeof getEventHash>[0])
    expect(checkEvent(event)).toEqual({ ok: false, error: 'bad id or signature' })
  })

  it('reports shape problems before checking the signature', () => {
    expect(checkEvent({ ...fromWire(signedEvent()), sig: 'abc' })).toEqual({
      ok: false,
      error: 'bad signature',
    })
    expect(checkEvent({ ...fromWire(signedEvent()), tags: [[1]] })).toEqual({
      ok: false,
      error: 'bad tags',
    })
  })

  it('rejects an oversized event, even when it is signed', () => {
    const big = fromWire(
      finalizeEvent({ kind: 1, created_at: 1, content: 'x'.repeat(70_000), tags: [] }, key),
    )
    expect(checkEvent(big)).toEqual({ ok: false, error: 'larger than 64 KiB' })
  })

  it.each([
    null,
    undefined,
    0,
    'EVENT',
    [],
    {},
    ['EVENT', 'sub', {}],
    { id: 'a'.repeat(64) },
    {
      id: 'a'.repeat(64),
      pubkey: 'b'.repeat(64),
      sig: 'c'.repeat(128),
      kind: 1,
      created_at: 1,
      content: '',
      tags: [],
    },
    Object.create(null),
  ])('never throws on garbage: %j', (raw) => {
    let result: unknown
    expect(() => (result = checkEvent(raw))).not.toThrow()
    expect(result).toHaveProperty('error')
  })
})
