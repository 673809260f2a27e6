import { generateSecretKey, verifyEvent as verifyPure } from 'nostr-tools/pure'
import { describe, expect, it } from 'vitest'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { loadFastSignatures, signEvent, signatureEngine, verifySignature } from './signatures.ts'

const template = { kind: 5050, created_at: 1_700_000_000, tags: [['i', 'hi', 'text']], content: '' }

// A copy of the seven fields: nostr-tools marks an object it verified and trusts the mark.
const plain = (e: NostrEvent): NostrEvent => {
  const { id, pubkey, created_at, kind, tags, content, sig } = e
  return { id, pubkey, created_at, kind, tags, content, sig }
}

const checks = () => {
  const sk = generateSecretKey()
  const signed = signEvent(template, sk) as NostrEvent
  expect(verifyPure(plain(signed))).toBe(true)
  expect(verifySignature(plain(signed))).toBe(true)
  expect(verifySignature({ ...plain(signed), content: 'changed' })).toBe(false)
  const other = signEvent({ ...template, content: 'other' }, sk) as NostrEvent
  expect(verifySignature({ ...plain(signed), sig: other.sig })).toBe(false)
  expect(verifySignature({ ...plain(signed), sig: 'zz' })).toBe(false)
  expect(template).not.toHaveProperty('sig')
}

describe('signatures', () => {
  it('signs and verifies in pure JS before the wasm has loaded', () => {
    expect(signatureEngine()).toBe('js')
    checks()
  })

  it('signs and verifies with libsecp256k1 in wasm once loaded, the same verdicts', async () => {
    expect(await loadFastSignatures()).toBe('wasm')
    expect(signatureEngine()).toBe('wasm')
    checks()
  })
})
