import { describe, expect, it } from 'vitest'
import { npubEncode } from 'nostr-tools/nip19'
import { err, ok } from './result.ts'
import { CODECS, parsePubkeys } from './setting-kinds.ts'

const hex = 'a'.repeat(64)

describe('parsePubkeys', () => {
  it('accepts npub and hex, lowercases, dedupes and skips blank lines', () => {
    expect(parsePubkeys(`${npubEncode(hex)}\n\n${hex.toUpperCase()}\n`, [])).toEqual(ok([hex]))
  })

  it('refuses an nsec or a short key by naming the line', () => {
    expect(parsePubkeys('abc123', [])).toEqual(err('"abc123" is not an npub or a hex public key'))
  })
})

describe('the whole-number codec', () => {
  const row = { kind: 'whole', label: 'Jobs at once', min: 1, max: 16, default: 1 } as const
  const sats = { ...row, label: 'Price', unit: 'sats', min: 0, max: 1_000_000 } as const

  it.each(['1', ' 16 ', '007'])('accepts %j within the bounds', (text) => {
    expect(CODECS.whole.parse(text, row)).toEqual({ ok: true, value: Number(text) })
  })

  it.each(['0', '17', '1.5', '-1', '1e1', '0x10', '', 'two'])('refuses %j', (text) => {
    expect(CODECS.whole.parse(text, row)).toEqual({
      ok: false,
      error: 'Jobs at once must be a whole number from 1 to 16',
    })
  })

  it('speaks of sats when the row is in sats', () => {
    expect(CODECS.whole.parse('1.5', sats)).toEqual({
      ok: false,
      error: 'Price must be a whole number of sats, 0 or more',
    })
    expect(CODECS.whole.parse('1000001', sats)).toEqual({
      ok: false,
      error: 'Price must be at most 1,000,000 sats',
    })
  })

  it('keeps a stored value above max (the benchmark writes one) and raises one below min', () => {
    expect(CODECS.whole.normalize(1_000_000, row)).toBe(1_000_000)
    expect(CODECS.whole.normalize(0, row)).toBe(1)
    expect(CODECS.whole.normalize(2.9, row)).toBe(2)
    expect(CODECS.whole.normalize(-1, row)).toBeUndefined()
    expect(CODECS.whole.normalize('3', row)).toBeUndefined()
  })
})

describe('the prices-per-model codec', () => {
  const row = {
    kind: 'model-prices',
    label: 'Prices per model',
    max: 1_000_000,
    default: {},
  } as const
  const codec = CODECS['model-prices']

  it('reads one model a line, name then the price per job and per 1k tokens, and back', () => {
    const parsed = codec.parse('llama3:70b 50 5\n\n  qwen3:0.6b 0 1 \n', row)
    const value = {
      'llama3:70b': { perJobSats: 50, per1kTokensSats: 5 },
      'qwen3:0.6b': { perJobSats: 0, per1kTokensSats: 1 },
    }
    expect(parsed).toEqual({ ok: true, value })
    expect(codec.toText(value)).toBe('llama3:70b 50 5\nqwen3:0.6b 0 1')
  })

  it.each(['llama3 50', 'llama3 -1 0', 'llama3 1.5 0', 'llama3 1000001 0', 'llama3 1 2 3'])(
    'refuses %j, naming the line',
    (text) => {
      const parsed = codec.parse(text, row)
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) expect(parsed.error).toContain(`"${text}" must be a model name`)
    },
  )

  it('keeps only well-formed stored prices, and nothing from a damaged record', () => {
    expect(
      codec.normalize(
        { a: { perJobSats: 1, per1kTokensSats: 2 }, b: { perJobSats: -1 }, c: 'x', '': {} },
        row,
      ),
    ).toEqual({ a: { perJobSats: 1, per1kTokensSats: 2 } })
    expect(codec.normalize([1, 2], row)).toBeUndefined()
    expect(codec.normalize('x', row)).toBeUndefined()
  })
})
