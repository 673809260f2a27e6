import { describe, expect, it } from 'vitest'
import { npubEncode } from 'nostr-tools/nip19'
import { parsePolicyForm, parsePubkeys, policyToForm } from './policy-form.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const hex = 'a'.repeat(64)

describe('parsePolicyForm', () => {
  it('round-trips the defaults', () => {
    expect(parsePolicyForm(policyToForm(DEFAULT_SETTINGS), DEFAULT_SETTINGS)).toEqual({
      ok: true,
      value: {
        concurrency: 1,
        queueCapacity: 20,
        rateLimitPerMinute: 10,
        streamPartials: true,
        fallbackToDefaultModel: true,
        blocklist: [],
        allowlist: [],
      },
    })
  })

  it('keeps saved values for fields an older form does not send', () => {
    const base = { ...DEFAULT_SETTINGS, concurrency: 3, streamPartials: false }
    const r = parsePolicyForm({}, base)
    expect(r.ok && r.value.concurrency).toBe(3)
    expect(r.ok && r.value.streamPartials).toBe(false)
  })

  it('names every bad field and applies none', () => {
    const r = parsePolicyForm(
      { concurrency: '0', queueCapacity: 'lots', rateLimitPerMinute: '2.5', blocklist: 'bob' },
      DEFAULT_SETTINGS,
    )
    expect(r).toEqual({
      ok: false,
      errors: {
        concurrency: 'Jobs at once must be a whole number from 1 to 16',
        queueCapacity: 'Queue capacity must be a whole number from 1 to 1000',
        rateLimitPerMinute:
          'Requests per customer per minute must be a whole number from 1 to 10000',
        blocklist: '"bob" is not an npub or a hex public key',
      },
    })
  })

  it('reads checkboxes as true/false text', () => {
    const r = parsePolicyForm(
      { streamPartials: 'false', fallbackToDefaultModel: 'false' },
      DEFAULT_SETTINGS,
    )
    expect(r.ok && [r.value.streamPartials, r.value.fallbackToDefaultModel]).toEqual([false, false])
  })
})

describe('parsePubkeys', () => {
  it('accepts npub and hex, lowercases, dedupes and skips blank lines', () => {
    expect(parsePubkeys(`${npubEncode(hex)}\n\n${hex.toUpperCase()}\n`, [])).toEqual([hex])
  })

  it('refuses an nsec or a short key by naming the line', () => {
    expect(parsePubkeys('abc123', [])).toEqual({
      error: '"abc123" is not an npub or a hex public key',
    })
  })
})
