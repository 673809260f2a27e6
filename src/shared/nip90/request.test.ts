import { describe, expect, it } from 'vitest'
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure'
import { MAX_PROMPT_CHARS } from './kinds.ts'
import {
  detectEncryption,
  joinInputs,
  parseJobRequest,
  type ParsedRequest,
  type RequestContext,
} from './request.ts'
import type { JobRequest, NostrEvent } from './types.ts'

// Fixed keys keep every run identical.
const customerKey = new Uint8Array(32).fill(1)
const providerKey = new Uint8Array(32).fill(2)
const otherKey = new Uint8Array(32).fill(3)
const CUSTOMER = getPublicKey(customerKey)
const PROVIDER = getPublicKey(providerKey)
const OTHER = getPublicKey(otherKey)

const NOW = 1_750_000_000
const ID_A = 'a'.repeat(64)
const ID_B = '0123456789abcdef'.repeat(4)

const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  providerPubkey: PROVIDER,
  now: NOW,
  notBefore: NOW - 120,
  ...over,
})

const signed = (
  tags: string[][],
  over: { kind?: number; created_at?: number; content?: string } = {},
): NostrEvent =>
  finalizeEvent(
    { kind: 5050, created_at: NOW - 10, content: '', tags, ...over },
    customerKey,
  ) as NostrEvent

const accepted = (outcome: ParsedRequest): JobRequest => {
  if (!outcome.ok)
    throw new Error(`expected a request, got ${outcome.error.action}: ${outcome.error.reason}`)
  return outcome.value
}

// The code is asserted in the decision table (decide.test.ts); here, the action and the words.
const ignored = (reason: string) => ({
  ok: false,
  error: { action: 'ignore', code: expect.any(String), reason },
})
const refused = (reason: string) => ({
  ok: false,
  error: { action: 'refuse', code: 'malformed', reason },
})

const prompt = (text = 'Write a haiku about relays') => ['i', text, 'text']

describe('parseJobRequest: who and when', () => {
  it('accepts a plain open-market text request and fills every field', () => {
    const event = signed([prompt(), ['param', 'model', 'llama3.2']])
    const request = accepted(parseJobRequest(event, ctx()))
    expect(request).toEqual({
      id: event.id,
      customer: CUSTOMER,
      createdAt: NOW - 10,
      inputs: [{ type: 'text', text: 'Write a haiku about relays' }],
      params: { model: 'llama3.2' },
      relays: [],
      encryption: null,
      inputTags: [prompt()],
      notes: [],
      event,
    })
    expect(request.event).toBe(event)
    expect(request).not.toHaveProperty('bidMsats')
  })

  it.each([1, 5000, 5051, 6050, 7000])('ignores kind %i', (kind) => {
    expect(parseJobRequest(signed([prompt()], { kind }), ctx())).toEqual(
      ignored(`kind ${kind} is not a text-generation request`),
    )
  })

  it('ignores a request p-tagged to another provider', () => {
    expect(parseJobRequest(signed([prompt(), ['p', OTHER]]), ctx())).toEqual(
      ignored('addressed to another provider'),
    )
  })

  it('accepts a request p-tagged to us', () => {
    const request = accepted(parseJobRequest(signed([['p', PROVIDER], prompt()]), ctx()))
    expect(request.inputs).toEqual([{ type: 'text', text: 'Write a haiku about relays' }])
  })

  it('accepts a request naming several providers when any of them is us, even second', () => {
    const tags = [['p', OTHER], ['p', PROVIDER], prompt()]
    expect(parseJobRequest(signed(tags), ctx()).ok).toBe(true)
    expect(parseJobRequest(signed([['p', OTHER], ['p', CUSTOMER], prompt()]), ctx())).toEqual(
      ignored('addressed to another provider'),
    )
  })

  it('ignores an expired request (NIP-40), including one expiring right now', () => {
    expect(parseJobRequest(signed([prompt(), ['expiration', String(NOW - 1)]]), ctx())).toEqual(
      ignored('expired'),
    )
    expect(parseJobRequest(signed([prompt(), ['expiration', String(NOW)]]), ctx())).toEqual(
      ignored('expired'),
    )
  })

  it.each([String(NOW + 1), String(NOW + 3600), 'soon', '', '0', '-5'])(
    'accepts expiration %j (future or unusable)',
    (value) => {
      expect(parseJobRequest(signed([prompt(), ['expiration', value]]), ctx()).ok).toBe(true)
    },
  )

  it('ignores a request older than the lookback window, accepts one right on its edge', () => {
    const notBefore = NOW - 120
    expect(parseJobRequest(signed([prompt()], { created_at: notBefore - 1 }), ctx())).toEqual(
      ignored('older than the lookback window'),
    )
    expect(parseJobRequest(signed([prompt()], { created_at: notBefore }), ctx()).ok).toBe(true)
  })

  it('tolerates a fast clock up to an hour, ignores anything further in the future', () => {
    expect(parseJobRequest(signed([prompt()], { created_at: NOW + 60 }), ctx()).ok).toBe(true)
    expect(parseJobRequest(signed([prompt()], { created_at: NOW + 3600 }), ctx()).ok).toBe(true)
    expect(parseJobRequest(signed([prompt()], { created_at: NOW + 3601 }), ctx())).toEqual(
      ignored('created in the future'),
    )
  })
})

describe('parseJobRequest: encrypted requests', () => {
  const privateTags = [
    ['i', 'a private prompt', 'text'],
    ['param', 'max_tokens', '64'],
    ['bid', '7000'],
  ]
  const nip44Content = nip44.encrypt(
    JSON.stringify(privateTags),
    nip44.getConversationKey(customerKey, PROVIDER),
  )
  const nip04Content = nip04.encrypt(customerKey, PROVIDER, JSON.stringify(privateTags))

  it('uses the decrypted private tags of a NIP-44 request', () => {
    const event = signed([['p', PROVIDER], ['encrypted']], { content: nip44Content })
    const request = accepted(parseJobRequest(event, ctx({ privateTags })))
    expect(request.encryption).toBe('nip44')
    expect(request.inputs).toEqual([{ type: 'text', text: 'a private prompt' }])
    expect(request.params).toEqual({ maxTokens: 64 })
    expect(request.bidMsats).toBe(7000)
    expect(request.inputTags).toEqual([['i', 'a private prompt', 'text']])
  })

  it('detects a NIP-04 request and says so', () => {
    const event = signed([['p', PROVIDER], ['encrypted']], { content: nip04Content })
    expect(accepted(parseJobRequest(event, ctx({ privateTags }))).encryption).toBe('nip04')
  })

  it('refuses an encrypted request that could not be decrypted (no private tags)', () => {
    const event = signed([['p', PROVIDER], ['encrypted']], { content: nip44Content })
    expect(parseJobRequest(event, ctx())).toEqual(refused('could not decrypt the request'))
  })

  it('refuses encrypted content that is neither NIP-04 nor NIP-44', () => {
    const event = signed([['p', PROVIDER], ['encrypted']], { content: 'hello there, in the clear' })
    expect(parseJobRequest(event, ctx({ privateTags }))).toEqual(
      refused('encrypted content is neither NIP-04 nor NIP-44'),
    )
  })

  it('ignores an encrypted request with no p tag: it cannot be for us', () => {
    const event = signed([['encrypted']], { content: nip44Content })
    expect(parseJobRequest(event, ctx({ privateTags }))).toEqual(
      ignored('encrypted for someone else'),
    )
  })

  it('serves an encrypted request naming us second among its providers', () => {
    const event = signed([['p', OTHER], ['p', PROVIDER], ['encrypted']], { content: nip44Content })
    expect(accepted(parseJobRequest(event, ctx({ privateTags }))).encryption).toBe('nip44')
  })

  it('reads a param prompt inside the encrypted tags, and never the ciphertext as a prompt', () => {
    const prompted = [['param', 'prompt', 'hidden prompt']]
    const event = signed([['p', PROVIDER], ['encrypted']], { content: nip44Content })
    expect(accepted(parseJobRequest(event, ctx({ privateTags: prompted }))).inputs).toEqual([
      { type: 'text', text: 'hidden prompt' },
    ])
    expect(parseJobRequest(event, ctx({ privateTags: [['bid', '1']] }))).toEqual(
      refused('the request has no input; add an ["i", "<prompt>", "text"] tag'),
    )
  })

  it('ignores an encrypted request for another provider', () => {
    const event = signed([['p', OTHER], ['encrypted']], { content: nip44Content })
    expect(parseJobRequest(event, ctx({ privateTags }))).toEqual(
      ignored('addressed to another provider'),
    )
  })

  it('does not treat plain requests as encrypted even when privateTags are passed', () => {
    const request = accepted(
      parseJobRequest(signed([prompt('public')]), ctx({ privateTags: [prompt('secret')] })),
    )
    expect(request.encryption).toBeNull()
    expect(request.inputs).toEqual([{ type: 'text', text: 'public' }])
  })
})

describe('detectEncryption', () => {
  it('recognizes real NIP-04 and NIP-44 payloads', () => {
    expect(detectEncryption(nip04.encrypt(customerKey, PROVIDER, 'hi'))).toBe('nip04')
    const key = nip44.getConversationKey(customerKey, PROVIDER)
    expect(detectEncryption(nip44.encrypt('hi', key))).toBe('nip44')
    expect(detectEncryption(nip44.encrypt('x'.repeat(5000), key))).toBe('nip44')
  })

  it.each([
    '',
    'hello',
    'hello world',
    '[["i","prompt","text"]]',
    // base64, but the first byte is not the NIP-44 version 2
    'aGVsbG8gd29ybGQ=',
    // NIP-04 shape broken: no iv, or text around it
    'YWJjZA==?iv=',
    'YWJjZA== ?iv=YWJjZA==',
  ])('returns null for %j', (content) => {
    expect(detectEncryption(content)).toBeNull()
  })
})

describe('parseJobRequest: inputs', () => {
  it('refuses a request with no input and says how to fix it', () => {
    expect(parseJobRequest(signed([['param', 'model', 'x']]), ctx())).toEqual(
      refused('the request has no input; add an ["i", "<prompt>", "text"] tag'),
    )
  })

  it.each([
    [[['i', '', 'text']]],
    [[['i', '   \n ', 'text']]],
    [[['i']]],
    [[prompt(''), prompt(' ')]],
  ])('refuses an empty prompt %j', (tags) => {
    expect(parseJobRequest(signed(tags), ctx())).toEqual(refused('the prompt is empty'))
  })

  it('accepts `prompt` as an alias of `text`, any case, and a missing type as text', () => {
    const request = accepted(
      parseJobRequest(
        signed([
          ['i', 'one', 'prompt'],
          ['i', 'two', 'TEXT'],
          ['i', 'three'],
        ]),
        ctx(),
      ),
    )
    expect(request.inputs).toEqual([
      { type: 'text', text: 'one' },
      { type: 'text', text: 'two' },
      { type: 'text', text: 'three' },
    ])
  })

  it('keeps several inputs of every type in order, and the i tags as sent', () => {
    const tags = [
      ['i', 'Summarize:', 'text'],
      ['i', ID_A, 'event', 'wss://relay.example.com'],
      ['i', ID_B, 'job'],
      ['i', 'in French', 'prompt'],
    ]
    const request = accepted(parseJobRequest(signed([...tags, ['param', 'seed', '1']]), ctx()))
    expect(request.inputs).toEqual([
      { type: 'text', text: 'Summarize:' },
      { type: 'event', id: ID_A, relay: 'wss://relay.example.com' },
      { type: 'job', id: ID_B },
      { type: 'text', text: 'in French' },
    ])
    expect(request.inputTags).toEqual(tags)
  })

  it('a request of only an event input is not "empty"', () => {
    const request = accepted(parseJobRequest(signed([['i', ID_A, 'event']]), ctx()))
    expect(request.inputs).toEqual([{ type: 'event', id: ID_A }])
  })

  it('drops a relay hint that is not a websocket URL', () => {
    const request = accepted(
      parseJobRequest(
        signed([
          ['i', ID_A, 'event', 'https://relay.example.com'],
          ['i', ID_B, 'job', 'ws://127.0.0.1:7777'],
        ]),
        ctx(),
      ),
    )
    expect(request.inputs).toEqual([
      { type: 'event', id: ID_A },
      { type: 'job', id: ID_B, relay: 'ws://127.0.0.1:7777' },
    ])
  })

  it.each([
    ['event', 'abc'],
    ['event', ID_A.toUpperCase()],
    ['event', ID_A + 'a'],
    ['job', ''],
    ['job', 'note1' + 'q'.repeat(58)],
  ])('refuses a %s input with a bad id %j', (type, id) => {
    expect(parseJobRequest(signed([prompt(), ['i', id, type]]), ctx())).toEqual(
      refused(`input of type ${type} must be a 64-character hex event id`),
    )
  })

  it.each(['url', 'image', 'URL'])(
    'refuses a request whose only input is of type %j, naming the type',
    (type) => {
      expect(
        parseJobRequest(
          signed([['i', 'https://example.com/a.png', type]], { content: 'filler' }),
          ctx(),
        ),
      ).toEqual(refused(`input type "${type.toLowerCase()}" is not supported; send text`))
    },
  )

  it('skips a url input beside a text input, with a note for the customer', () => {
    const url = ['i', 'https://example.com/cat.png', 'url']
    const request = accepted(parseJobRequest(signed([prompt('Describe it'), url]), ctx()))
    expect(request.inputs).toEqual([{ type: 'text', text: 'Describe it' }])
    expect(request.notes).toEqual([
      'skipped the "url" input: this provider reads text, event and job inputs',
    ])
    expect(request.inputTags).toEqual([prompt('Describe it'), url])
  })

  it('names each skipped type once and counts the inputs', () => {
    const tags = [
      ['i', 'https://a.example/1', 'url'],
      prompt(),
      ['i', 'https://a.example/2', 'URL'],
      ['i', 'data', 'image'],
    ]
    expect(accepted(parseJobRequest(signed(tags), ctx())).notes).toEqual([
      'skipped 3 inputs ("url", "image"): this provider reads text, event and job inputs',
    ])
  })

  it('reads ["param", "prompt", text] as a text input, in order among the i tags', () => {
    const tags = [['param', 'Prompt', 'first'], prompt('second'), ['param', 'seed', '3']]
    const request = accepted(parseJobRequest(signed(tags), ctx()))
    expect(request.inputs).toEqual([
      { type: 'text', text: 'first' },
      { type: 'text', text: 'second' },
    ])
    expect(request.params).toEqual({ seed: 3 })
    expect(request.inputTags).toEqual([prompt('second')])
  })

  it('takes a non-empty content as the prompt when there is no input at all', () => {
    const event = signed([['param', 'max_tokens', '20']], { content: 'Tell me a joke' })
    const request = accepted(parseJobRequest(event, ctx()))
    expect(request.inputs).toEqual([{ type: 'text', text: 'Tell me a joke' }])
    expect(request.params).toEqual({ maxTokens: 20 })
    expect(request.notes).toEqual([])
  })

  it('ignores filler content when an input is present', () => {
    const event = signed([prompt('the real prompt')], { content: 'NIP 90 Text Generation Request' })
    expect(accepted(parseJobRequest(event, ctx())).inputs).toEqual([
      { type: 'text', text: 'the real prompt' },
    ])
  })

  it('refuses a whitespace-only content with no input, and an empty param prompt', () => {
    const none = refused('the request has no input; add an ["i", "<prompt>", "text"] tag')
    expect(parseJobRequest(signed([], { content: ' \n ' }), ctx())).toEqual(none)
    expect(parseJobRequest(signed([['param', 'prompt', ' ']]), ctx())).toEqual(
      refused('the prompt is empty'),
    )
    expect(parseJobRequest(signed([['param', 'prompt']]), ctx())).toEqual(
      refused('the prompt is empty'),
    )
  })

  it('counts content used as the prompt against the size limit', () => {
    const event = signed([], { content: 'x'.repeat(MAX_PROMPT_CHARS + 1) })
    expect(parseJobRequest(event, ctx())).toEqual(
      refused(`the prompt is ${MAX_PROMPT_CHARS + 1} characters; the limit is ${MAX_PROMPT_CHARS}`),
    )
  })

  it('caps a named unsupported type at 40 characters in the reason', () => {
    const outcome = parseJobRequest(signed([['i', 'x', 'y'.repeat(500)]]), ctx())
    expect(outcome).toEqual(refused(`input type "${'y'.repeat(40)}" is not supported; send text`))
  })

  it('accepts a prompt of exactly the limit, refuses one character more', () => {
    expect(parseJobRequest(signed([prompt('x'.repeat(MAX_PROMPT_CHARS))]), ctx()).ok).toBe(true)
    expect(parseJobRequest(signed([prompt('x'.repeat(MAX_PROMPT_CHARS + 1))]), ctx())).toEqual(
      refused(`the prompt is ${MAX_PROMPT_CHARS + 1} characters; the limit is ${MAX_PROMPT_CHARS}`),
    )
  })

  it('counts the prompt limit across all text inputs', () => {
    const half = 'y'.repeat(MAX_PROMPT_CHARS / 2)
    const other = 'w'.repeat(MAX_PROMPT_CHARS / 2)
    expect(parseJobRequest(signed([prompt(half), prompt(other), prompt('z')]), ctx())).toEqual(
      refused(`the prompt is ${MAX_PROMPT_CHARS + 1} characters; the limit is ${MAX_PROMPT_CHARS}`),
    )
  })
})

describe('parseJobRequest: params, bid and relays', () => {
  it('parses params and refuses a bad one with its reason', () => {
    const request = accepted(
      parseJobRequest(
        signed([prompt(), ['param', 'top-k', '40'], ['param', 'temperature', '0.2']]),
        ctx(),
      ),
    )
    expect(request.params).toEqual({ topK: 40, temperature: 0.2 })
    expect(parseJobRequest(signed([prompt(), ['param', 'temperature', 'hot']]), ctx())).toEqual(
      refused('param temperature must be a number, got "hot"'),
    )
  })

  // Unknown params are ignored, whatever their name: a request must never crash the parser.
  it.each(['constructor', '__proto__'])(
    'ignores an unknown param named %j instead of throwing',
    (name) => {
      const event = signed([prompt(), ['param', name, '1']])
      expect(() => parseJobRequest(event, ctx())).not.toThrow()
    },
  )

  it.each([
    ['0', 0],
    ['5000', 5000],
    [' 21000 ', 21000],
    ['999999999999999', 999_999_999_999_999],
  ])('reads bid %j as %i msats', (bid, msats) => {
    expect(accepted(parseJobRequest(signed([prompt(), ['bid', bid]]), ctx())).bidMsats).toBe(msats)
  })

  it.each(['-1', '1.5', '21 sats', '', 'abc', '1e6', '1000000000000000'])(
    'refuses bid %j',
    (bid) => {
      expect(parseJobRequest(signed([prompt(), ['bid', bid]]), ctx())).toEqual(
        refused('the bid must be a whole number of millisats'),
      )
    },
  )

  it('reads the relays tags: websocket URLs only, no trailing slash, at most 8', () => {
    const request = accepted(
      parseJobRequest(
        signed([
          prompt(),
          [
            'relays',
            'wss://one.example.com/',
            'https://not-a-relay.example.com',
            'ws://127.0.0.1:7777',
            'wss://with space.example.com',
            'nope',
          ],
          ['relays', 'wss://two.example.com'],
        ]),
        ctx(),
      ),
    )
    expect(request.relays).toEqual([
      'wss://one.example.com',
      'ws://127.0.0.1:7777',
      'wss://two.example.com',
    ])

    const many = Array.from({ length: 12 }, (_, i) => `wss://r${i}.example.com`)
    const capped = accepted(parseJobRequest(signed([prompt(), ['relays', ...many]]), ctx()))
    expect(capped.relays).toEqual(many.slice(0, 8))
  })

  it('drops an absurdly long relay URL', () => {
    const long = `wss://${'a'.repeat(300)}.example.com`
    const request = accepted(parseJobRequest(signed([prompt(), ['relays', long]]), ctx()))
    expect(request.relays).toEqual([])
  })
})

describe('joinInputs', () => {
  it('trims each text and joins them in order with a blank line', () => {
    expect(joinInputs(['  Summarize:\n', 'the text ', '\tin French'])).toBe(
      'Summarize:\n\nthe text\n\nin French',
    )
    expect(joinInputs(['only'])).toBe('only')
    expect(joinInputs([])).toBe('')
  })
})
