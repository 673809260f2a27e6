import { describe, expect, it } from 'vitest'
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure'
import { detectEncryption, parseJobRequest, type NostrEvent } from '../../shared/nip90/index.ts'
import { err, ok } from '../../shared/result.ts'
import { decryptRequestTags, encryptFor } from './crypto.ts'

const customerKey = new Uint8Array(32).fill(1)
const providerKey = new Uint8Array(32).fill(2)
const strangerKey = new Uint8Array(32).fill(3)
const CUSTOMER = getPublicKey(customerKey)
const PROVIDER = getPublicKey(providerKey)
const STRANGER = getPublicKey(strangerKey)

const privateTags = [
  ['i', 'secret prompt', 'text'],
  ['param', 'model', 'llama3.2'],
  ['param', 'max_tokens', '128'],
  ['bid', '21000'],
]

const request = (content: string, from = customerKey): NostrEvent =>
  finalizeEvent(
    { kind: 5050, created_at: 1_750_000_000, content, tags: [['p', PROVIDER], ['encrypted']] },
    from,
  ) as NostrEvent

const nip04From = (text: string, to = PROVIDER) => nip04.encrypt(customerKey, to, text)
const nip44From = (text: string, to = PROVIDER) =>
  nip44.encrypt(text, nip44.getConversationKey(customerKey, to))

// NIP-04 of [["i","secret prompt","text"]] from the customer to the stranger. NIP-04 uses a
// random IV, and a wrong key fails its padding check only most of the time, so a fixed
// payload keeps the wrong-key test deterministic.
const NIP04_FOR_STRANGER =
  'mIQx7bSJyjwmSHTAmWf6INXBqQjBTBTYjOuTLbuqNAQ=?iv=TqBkl9ORzROs1P1Uct8fXw=='

describe('decryptRequestTags', () => {
  it('round-trips NIP-04 private tags from the customer', () => {
    const content = nip04From(JSON.stringify(privateTags))
    expect(detectEncryption(content)).toBe('nip04')
    expect(decryptRequestTags(request(content), providerKey)).toEqual(ok(privateTags))
  })

  it('round-trips NIP-44 private tags from the customer', () => {
    const content = nip44From(JSON.stringify(privateTags))
    expect(detectEncryption(content)).toBe('nip44')
    expect(decryptRequestTags(request(content), providerKey)).toEqual(ok(privateTags))
  })

  it('round-trips unicode and an empty tag list', () => {
    const tags = [['i', 'Übersetze: «こんにちは» 👋', 'text']]
    expect(decryptRequestTags(request(nip44From(JSON.stringify(tags))), providerKey)).toEqual(
      ok(tags),
    )
    expect(decryptRequestTags(request(nip04From(JSON.stringify(tags))), providerKey)).toEqual(
      ok(tags),
    )
    expect(decryptRequestTags(request(nip44From('[]')), providerKey)).toEqual(ok([]))
  })

  it('feeds parseJobRequest a request it accepts', () => {
    const event = request(nip44From(JSON.stringify(privateTags)))
    const tags = decryptRequestTags(event, providerKey)
    if (!tags.ok) throw new Error(tags.error)
    const outcome = parseJobRequest(event, {
      providerPubkey: PROVIDER,
      now: 1_750_000_000,
      notBefore: 1_749_999_000,
      privateTags: tags.value,
    })
    if (!outcome.ok) throw new Error(outcome.error.reason)
    expect(outcome.value.encryption).toBe('nip44')
    expect(outcome.value.inputs).toEqual([{ type: 'text', text: 'secret prompt' }])
    expect(outcome.value.params).toEqual({ model: 'llama3.2', maxTokens: 128 })
    expect(outcome.value.bidMsats).toBe(21000)
    expect(outcome.value.customer).toBe(CUSTOMER)
  })

  it('says so when NIP-44 was encrypted for another key', () => {
    const event = request(nip44From(JSON.stringify(privateTags), STRANGER))
    expect(decryptRequestTags(event, providerKey)).toEqual(
      err('could not decrypt the NIP44 request (encrypted for another key?)'),
    )
  })

  it('says so when NIP-04 was encrypted for another key', () => {
    // The fixture is valid: the stranger can read it.
    expect(nip04.decrypt(strangerKey, CUSTOMER, NIP04_FOR_STRANGER)).toBe(
      '[["i","secret prompt","text"]]',
    )
    expect(decryptRequestTags(request(NIP04_FOR_STRANGER), providerKey)).toEqual(
      err('could not decrypt the NIP04 request (encrypted for another key?)'),
    )
  })

  it('cannot be decrypted with the right key but the wrong sender', () => {
    // Signed by the stranger, but encrypted by the customer: the shared secret differs.
    const event = request(nip44From(JSON.stringify(privateTags)), strangerKey)
    expect(decryptRequestTags(event, providerKey)).toEqual(
      err('could not decrypt the NIP44 request (encrypted for another key?)'),
    )
  })

  it.each([
    ['NIP-04', nip04From],
    ['NIP-44', nip44From],
  ])('refuses %s plaintext that is not JSON', (_scheme, encrypt) => {
    expect(decryptRequestTags(request(encrypt('make me a sandwich')), providerKey)).toEqual(
      err('the decrypted request is not JSON'),
    )
  })

  it.each([
    '{"i":"secret prompt"}',
    '["i","secret prompt","text"]',
    '[["i",42]]',
    '[["i",null]]',
    '"just a string"',
    'null',
    '[[["nested"]]]',
  ])('refuses JSON %s that is not a list of string tags', (json) => {
    expect(decryptRequestTags(request(nip44From(json)), providerKey)).toEqual(
      err('the decrypted request is not a list of tags'),
    )
  })

  it('refuses content that is neither NIP-04 nor NIP-44', () => {
    expect(decryptRequestTags(request('[["i","in the clear","text"]]'), providerKey)).toEqual(
      err('encrypted content is neither NIP-04 nor NIP-44'),
    )
  })

  it('never throws on a corrupted payload', () => {
    const good = nip44From(JSON.stringify(privateTags))
    const corrupted = 'A' + good.slice(1, 40) + (good[40] === 'B' ? 'C' : 'B') + good.slice(41)
    expect(decryptRequestTags(request(corrupted), providerKey)).toEqual(
      err('could not decrypt the NIP44 request (encrypted for another key?)'),
    )
    expect(decryptRequestTags(request('AAAA'), providerKey)).toEqual(
      err('could not decrypt the NIP44 request (encrypted for another key?)'),
    )
    expect(decryptRequestTags(request('YWJj?iv=YWJj'), providerKey)).toEqual(
      err('could not decrypt the NIP04 request (encrypted for another key?)'),
    )
  })
})

describe('encryptFor', () => {
  const answer = 'Bonjour! 👋 Voici la réponse.'

  it('encrypts with NIP-04 so the customer can read it', () => {
    const content = encryptFor('nip04', CUSTOMER, answer, providerKey)
    expect(detectEncryption(content)).toBe('nip04')
    expect(content).not.toContain('Bonjour')
    expect(nip04.decrypt(customerKey, PROVIDER, content)).toBe(answer)
  })

  it('encrypts with NIP-44 so the customer can read it', () => {
    const content = encryptFor('nip44', CUSTOMER, answer, providerKey)
    expect(detectEncryption(content)).toBe('nip44')
    expect(nip44.decrypt(content, nip44.getConversationKey(customerKey, PROVIDER))).toBe(answer)
  })

  it('is not readable by anyone else', () => {
    const content = encryptFor('nip44', CUSTOMER, answer, providerKey)
    expect(() => nip44.decrypt(content, nip44.getConversationKey(strangerKey, PROVIDER))).toThrow()
  })
})
