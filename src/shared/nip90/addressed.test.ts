import { describe, expect, it } from 'vitest'
import { addressedElsewhere } from './addressed.ts'
import { parseJobRequest } from './request.ts'
import type { NostrEvent } from './types.ts'

const me = 'a'.repeat(64)
const them = 'b'.repeat(64)
const event = (tags: string[][], content = ''): NostrEvent => ({
  id: '0'.repeat(64),
  pubkey: 'c'.repeat(64),
  sig: '0'.repeat(128),
  kind: 5050,
  created_at: 1_000,
  tags: [['i', 'hi', 'text'], ...tags],
  content,
})

const NOT_OURS = ['for-another-provider', 'encrypted-for-someone-else']

describe('addressed elsewhere', () => {
  const cases: [string, string[][], boolean][] = [
    ['names nobody', [], false],
    ['names us', [['p', me]], false],
    ['names another provider', [['p', them]], true],
    [
      'names another provider and us',
      [
        ['p', them],
        ['p', me],
      ],
      false,
    ],
    ['encrypted for us', [['encrypted'], ['p', me]], false],
    ['encrypted for another provider', [['encrypted'], ['p', them]], true],
    ['encrypted for nobody named', [['encrypted']], true],
  ]
  it.each(cases)('%s', (_, tags, elsewhere) => {
    const e = event(tags, tags.some((t) => t[0] === 'encrypted') ? 'xyz?iv=abc' : '')
    expect(addressedElsewhere(e, me)).toBe(elsewhere)
    // The same verdict as the full parse, which needs the signature verified first.
    const parsed = parseJobRequest(e, { providerPubkey: me, now: 1_000, notBefore: 0 })
    const reason = parsed.ok ? null : parsed.error.code
    expect(NOT_OURS.includes(reason ?? '')).toBe(elsewhere)
  })
})
