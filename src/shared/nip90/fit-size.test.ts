import { describe, expect, it } from 'vitest'
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { buildResult } from './reply.ts'
import {
  STRFRY_LIMITS,
  cutToBytes,
  fitEventSize,
  maxTokensThatFit,
  signedBytes,
  sizeLimitsOf,
  utf8Bytes,
} from './fit-size.ts'
import type { NostrEvent } from './types.ts'
import { err, ok } from '../result.ts'

const key = generateSecretKey()
const bytes = (s: string) => new TextEncoder().encode(s).length

const requestWith = (prompt: string): NostrEvent =>
  finalizeEvent(
    { kind: 5050, created_at: 1, content: '', tags: [['i', prompt, 'text']] },
    generateSecretKey(),
  ) as NostrEvent

const resultFor = (prompt: string, answer: string) => {
  const event = requestWith(prompt)
  return buildResult(
    { id: event.id, customer: event.pubkey, encryption: null, inputTags: event.tags, event },
    { content: answer, model: 'llama3.2', now: 2, relayHint: 'wss://relay.example' },
  )
}

describe('signedBytes and utf8Bytes', () => {
  it('measure what a relay measures: the signed JSON in UTF-8', () => {
    const t = { kind: 1, created_at: 5, tags: [['t', 'ü']], content: 'Grüße 👋 "x"\n' }
    expect(signedBytes(t)).toBe(bytes(JSON.stringify(finalizeEvent(t, key))))
    for (const s of ['', 'a', 'é', '€', '👋', 'a👋b\u0000', '\ud800'])
      expect(utf8Bytes(s)).toBe(bytes(s))
  })

  it('cut text on a character boundary, mark included', () => {
    const cut = cutToBytes('👋'.repeat(400), 1024)
    expect(bytes(cut)).toBeLessThanOrEqual(1024)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut).not.toContain('\ufffd')
    expect(cutToBytes('short', 1024)).toBe('short')
  })
})

describe('fitEventSize', () => {
  it('a 96 KB prompt: the i tag is cut to 1,024 bytes, the request tag left out, e and p kept', () => {
    // 32,000 characters (the prompt cap) of a 3-byte character.
    const template = resultFor('€'.repeat(32_000), 'The answer.')
    expect(signedBytes(template)).toBeGreaterThan(65_536)
    const fitted = fitEventSize(template, STRFRY_LIMITS)
    if (!fitted.ok) throw new Error(fitted.error)
    const tags = fitted.value.template.tags
    expect(signedBytes(fitted.value.template)).toBeLessThanOrEqual(65_536)
    for (const t of tags.filter((t) => t[0]?.length === 1))
      for (const v of t.slice(1)) expect(bytes(v)).toBeLessThanOrEqual(1024)
    expect(tags.find((t) => t[0] === 'request')).toBeUndefined()
    expect(tags.filter((t) => t[0] === 'e' || t[0] === 'p')).toEqual(
      template.tags.filter((t) => t[0] === 'e' || t[0] === 'p'),
    )
    expect(tags.find((t) => t[0] === 'i')?.[2]).toBe('text')
    expect(fitted.value.template.content).toBe('The answer.')
  })

  it('a 40 KB prompt keeps its request tag: cutting the i tag is enough', () => {
    const fitted = fitEventSize(resultFor('é'.repeat(20_000), 'ok'), STRFRY_LIMITS)
    expect(fitted.ok && fitted.value.template.tags.some((t) => t[0] === 'request')).toBe(true)
    expect(fitted.ok && fitted.value.shortened).toEqual(['tag values cut to 1024 bytes'])
  })

  it('leaves an event that fits as it is', () => {
    const template = resultFor('a haiku', 'five seven five')
    expect(fitEventSize(template, STRFRY_LIMITS)).toEqual(ok({ template, shortened: [] }))
  })

  it('says so when the answer itself cannot fit, and never cuts it', () => {
    const fitted = fitEventSize(resultFor('q', 'z'.repeat(70_000)), STRFRY_LIMITS)
    expect(fitted).toEqual(err(expect.stringContaining('the answer is 70,000 bytes') as string))
    const chars = fitEventSize(resultFor('q', 'z'.repeat(600)), {
      ...STRFRY_LIMITS,
      maxContentChars: 500,
    })
    expect(chars.ok).toBe(false)
  })

  it('honours a relay that takes fewer tags', () => {
    const template = resultFor('q', 'a')
    const fitted = fitEventSize(template, { ...STRFRY_LIMITS, maxTags: 3 })
    expect(fitted.ok && fitted.value.template.tags.map((t) => t[0])).toEqual(['request', 'e', 'p'])
  })
})

describe('sizeLimitsOf', () => {
  it('takes the strictest of strfry and the relays, minus the message envelope', () => {
    expect(sizeLimitsOf([])).toEqual(STRFRY_LIMITS)
    expect(sizeLimitsOf([{ maxMessageLength: 131_072 }])).toEqual(STRFRY_LIMITS)
    expect(
      sizeLimitsOf([{ maxMessageLength: 16_384 }, { maxContentLength: 8000, maxEventTags: 100 }]),
    ).toEqual({
      maxEventBytes: 16_374,
      maxTagValueBytes: 1024,
      maxContentChars: 8000,
      maxTags: 100,
    })
  })
})

describe('maxTokensThatFit', () => {
  it('caps max_tokens so the answer can fit, tighter for encrypted answers', () => {
    const plain = maxTokensThatFit(STRFRY_LIMITS, false)
    const encrypted = maxTokensThatFit(STRFRY_LIMITS, true)
    expect(plain).toBe(9898)
    expect(encrypted).toBeLessThan(plain)
    expect(maxTokensThatFit({ maxEventBytes: 16_374, maxTagValueBytes: 1024 }, false)).toBe(1705)
    expect(maxTokensThatFit({ maxEventBytes: 100, maxTagValueBytes: 1024 }, false)).toBe(1)
  })
})
