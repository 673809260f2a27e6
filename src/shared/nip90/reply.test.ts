import { describe, expect, it } from 'vitest'
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure'
import { KIND_FEEDBACK, KIND_TEXT_RESULT } from './kinds.ts'
import { buildFeedback, buildResult } from './reply.ts'
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { detectEncryption, parseJobRequest } from './request.ts'
import type { Encryption, JobRequest, NostrEvent } from './types.ts'

const customerKey = new Uint8Array(32).fill(1)
const providerKey = new Uint8Array(32).fill(2)
const CUSTOMER = getPublicKey(customerKey)
const PROVIDER = getPublicKey(providerKey)
const NOW = 1_750_000_000
const INPUT_ID = 'b'.repeat(64)
const BOLT11 = 'lnbc210n1pjexample'
const DIGEST = 'sha256:' + 'c'.repeat(64)

const inputTags = [
  ['i', 'Translate to French:', 'text'],
  ['i', INPUT_ID, 'event', 'wss://relay.example.com'],
]

const plainRequest = (): JobRequest => {
  // As it arrives from a relay: plain JSON, without nostr-tools' in-memory marks.
  const event: NostrEvent = JSON.parse(
    JSON.stringify(
      finalizeEvent(
        {
          kind: 5050,
          created_at: NOW - 5,
          content: '',
          tags: [...inputTags, ['param', 'model', 'llama3.2'], ['p', PROVIDER]],
        },
        customerKey,
      ),
    ),
  )
  const outcome = parseJobRequest(event, {
    providerPubkey: PROVIDER,
    now: NOW,
    notBefore: NOW - 120,
  })
  if (!outcome.ok) throw new Error(outcome.error.reason)
  return outcome.value
}

const conversation = () => nip44.getConversationKey(providerKey, CUSTOMER)
const seal = (scheme: Encryption) => (plain: string) =>
  scheme === 'nip04'
    ? nip04.encrypt(providerKey, CUSTOMER, plain)
    : nip44.encrypt(plain, conversation())
const open = (scheme: Encryption, sealed: string) =>
  scheme === 'nip04'
    ? nip04.decrypt(customerKey, PROVIDER, sealed)
    : nip44.decrypt(sealed, nip44.getConversationKey(customerKey, PROVIDER))

/** As a customer sends it: p and encrypted in the clear, the job tags sealed in the content. */
const encryptedRequest = (scheme: Encryption): JobRequest => {
  const privateTags = [...inputTags, ['param', 'model', 'llama3.2']]
  const plain = JSON.stringify(privateTags)
  const content =
    scheme === 'nip04'
      ? nip04.encrypt(customerKey, PROVIDER, plain)
      : nip44.encrypt(plain, nip44.getConversationKey(customerKey, PROVIDER))
  const event = JSON.parse(
    JSON.stringify(
      finalizeEvent(
        { kind: 5050, created_at: NOW - 5, content, tags: [['p', PROVIDER], ['encrypted']] },
        customerKey,
      ),
    ),
  ) as NostrEvent
  const outcome = parseJobRequest(event, {
    providerPubkey: PROVIDER,
    now: NOW,
    notBefore: NOW - 120,
    privateTags,
  })
  if (!outcome.ok) throw new Error(outcome.error.reason)
  return outcome.value
}

describe('buildFeedback', () => {
  it('builds a kind 7000 with status, e and p tags and empty content', () => {
    const request = plainRequest()
    expect(
      buildFeedback(request, { status: 'processing', text: 'Generating your answer', now: NOW }),
    ).toEqual({
      kind: KIND_FEEDBACK,
      created_at: NOW,
      tags: [
        ['status', 'processing', 'Generating your answer'],
        ['e', request.id],
        ['p', CUSTOMER],
        ['alt', 'Feedback on a text-generation job (NIP-90): processing'],
      ],
      content: '',
    })
  })

  it('carries content (a partial answer) and an alt naming the status', () => {
    const feedback = buildFeedback(plainRequest(), {
      status: 'partial',
      text: 'Still writing',
      content: 'Bonjour',
      now: NOW,
    })
    expect(feedback.content).toBe('Bonjour')
    expect(feedback.tags[0]).toEqual(['status', 'partial', 'Still writing'])
  })

  it('adds the amount with the invoice for payment-required', () => {
    const request = plainRequest()
    expect(
      buildFeedback(request, {
        status: 'payment-required',
        text: 'Pay 21 sats',
        amount: { msats: 21000, bolt11: BOLT11 },
        now: NOW,
      }).tags,
    ).toEqual([
      ['status', 'payment-required', 'Pay 21 sats'],
      ['e', request.id],
      ['p', CUSTOMER],
      ['amount', '21000', BOLT11],
      ['alt', 'Feedback on a text-generation job (NIP-90): payment-required'],
    ])
  })

  it('adds the amount alone when there is no invoice', () => {
    const feedback = buildFeedback(plainRequest(), {
      status: 'error',
      text: 'Bid too low: the price is 21 sats',
      amount: { msats: 21000 },
      now: NOW,
    })
    expect(feedback.tags.at(-2)).toEqual(['amount', '21000'])
    expect(feedback.tags).toHaveLength(5)
  })

  it('has no amount tag when none is given', () => {
    const feedback = buildFeedback(plainRequest(), { status: 'success', text: 'Done', now: NOW })
    expect(feedback.tags.some((t) => t[0] === 'amount')).toBe(false)
  })

  it.each(['nip44', 'nip04'] as const)(
    'for a %s request keeps only encrypted, e, p and alt in the clear, the rest sealed as tags',
    (scheme) => {
      const request = encryptedRequest(scheme)
      const feedback = buildFeedback(
        request,
        {
          status: 'payment-required',
          text: 'Pay 21 sats',
          amount: { msats: 21000, bolt11: BOLT11 },
          now: NOW,
        },
        seal(scheme),
      )
      expect(feedback.kind).toBe(KIND_FEEDBACK)
      expect(feedback.tags).toEqual([
        ['encrypted'],
        ['e', request.id],
        ['p', CUSTOMER],
        ['alt', 'Feedback on a text-generation job (NIP-90)'],
      ])
      expect(detectEncryption(feedback.content)).toBe(scheme)
      expect(JSON.parse(open(scheme, feedback.content))).toEqual([
        ['status', 'payment-required', 'Pay 21 sats'],
        ['amount', '21000', BOLT11],
      ])
    },
  )

  it.each([
    ['processing', {}, [['status', 'processing', 'Generating']]],
    ['error', {}, [['status', 'error', 'Generating']]],
    ['success', {}, [['status', 'success', 'Generating']]],
    [
      'partial',
      { content: 'Bonjour' },
      [
        ['status', 'partial', 'Generating'],
        ['content', 'Bonjour'],
      ],
    ],
    [
      'error',
      { amount: { msats: 5000 } },
      [
        ['status', 'error', 'Generating'],
        ['amount', '5000'],
      ],
    ],
  ] as const)(
    'seals a %s status (%j) with nothing private in the clear',
    (status, extra, sealed) => {
      const request = encryptedRequest('nip44')
      const feedback = buildFeedback(
        request,
        { status, text: 'Generating', now: NOW, ...extra },
        seal('nip44'),
      )
      expect(feedback.tags.map((t) => t[0])).toEqual(['encrypted', 'e', 'p', 'alt'])
      expect(JSON.parse(open('nip44', feedback.content))).toEqual(sealed)
      // The ids and keys are random hex, which may hold "5000": only the words are read.
      const words = feedback.tags.flat().filter((v) => !/^[0-9a-f]{64}$/.test(v))
      expect(JSON.stringify(words)).not.toMatch(/Generating|Bonjour|5000|status/)
    },
  )

  it('refuses to build a reply to an encrypted request without a seal', () => {
    const request = encryptedRequest('nip44')
    expect(() => buildFeedback(request, { status: 'success', text: 'Done', now: NOW })).toThrow(
      /needs a seal/,
    )
    expect(() => buildResult(request, { content: 'x', model: 'm', now: NOW })).toThrow(
      /needs a seal/,
    )
  })
})

describe('buildResult', () => {
  const full = {
    content: 'Bonjour',
    model: 'llama3.2:latest',
    modelDigest: DIGEST,
    usage: { promptTokens: 12, completionTokens: 34 },
    amountMsats: 21000,
    relayHint: 'wss://relay.example.com',
    now: NOW,
  }

  it('builds a kind 6050 with request, e + hint, i tags, p, amount, model and usage', () => {
    const request = plainRequest()
    expect(buildResult(request, full)).toEqual({
      kind: KIND_TEXT_RESULT,
      created_at: NOW,
      content: 'Bonjour',
      tags: [
        ['request', JSON.stringify(request.event)],
        ['e', request.id, 'wss://relay.example.com'],
        ...inputTags,
        ['p', CUSTOMER],
        ['amount', '21000'],
        ['model', 'llama3.2:latest', DIGEST],
        ['usage', '12', '34'],
        ['alt', 'Result of a text-generation job (NIP-90)'],
      ],
    })
  })

  it('embeds the request event itself, parseable back to the same event', () => {
    const request = plainRequest()
    const tag = buildResult(request, full).tags[0]
    expect(tag?.[0]).toBe('request')
    expect(JSON.parse(tag?.[1] ?? 'null')).toEqual(request.event)
  })

  it('leaves out the relay hint, digest and usage when unknown', () => {
    const request = plainRequest()
    const result = buildResult(request, { content: 'Hi', model: 'qwen2.5:0.5b', now: NOW })
    expect(result.tags).toEqual([
      ['request', JSON.stringify(request.event)],
      ['e', request.id],
      ...inputTags,
      ['p', CUSTOMER],
      ['model', 'qwen2.5:0.5b'],
      ['alt', 'Result of a text-generation job (NIP-90)'],
    ])
  })

  it.each([0, -1, undefined])('has no amount tag for amount %s (free job)', (amountMsats) => {
    const result = buildResult(plainRequest(), {
      content: 'Hi',
      model: 'm',
      now: NOW,
      ...(amountMsats === undefined ? {} : { amountMsats }),
    })
    expect(result.tags.filter((t) => t[0] === 'amount')).toEqual([])
  })

  it('reports zero usage as zeros, not as missing', () => {
    const result = buildResult(plainRequest(), {
      content: '',
      model: 'm',
      usage: { promptTokens: 0, completionTokens: 0 },
      now: NOW,
    })
    expect(result.tags.at(-2)).toEqual(['usage', '0', '0'])
  })

  it.each(['nip44', 'nip04'] as const)(
    'for a %s request echoes the request (ciphertext only), seals the answer, no input tags',
    (scheme) => {
      const request = encryptedRequest(scheme)
      const result = buildResult(request, full, seal(scheme))
      expect(result.tags).toEqual([
        ['request', JSON.stringify(request.event)],
        ['e', request.id, 'wss://relay.example.com'],
        ['p', CUSTOMER],
        ['encrypted'],
        ['amount', '21000'],
        ['model', 'llama3.2:latest', DIGEST],
        ['usage', '12', '34'],
        ['alt', 'Result of a text-generation job (NIP-90)'],
      ])
      expect(open(scheme, result.content)).toBe('Bonjour')
    },
  )

  it('never leaks the private prompt of an encrypted request into the tags', () => {
    const result = buildResult(encryptedRequest('nip44'), full, seal('nip44'))
    expect(JSON.stringify(result.tags)).not.toContain('Translate to French')
  })
})
