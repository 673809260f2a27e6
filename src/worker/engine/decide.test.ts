import { describe, expect, it } from 'vitest'
import * as nip44 from 'nostr-tools/nip44'
import { finalizeEvent, getPublicKey } from 'nostr-tools/pure'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { REQUEST_REASONS } from '../../shared/request-reason.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { joinInputs } from '../../shared/nip90/index.ts'
import type { ModelInfo } from '../../shared/worker-api.ts'
import {
  decideRequest as decideFirst,
  decideResolved,
  type Decision,
  type RequestView,
} from './decide.ts'

// Fixed keys and clock keep every run identical.
const customerKey = new Uint8Array(32).fill(1)
const providerKey = new Uint8Array(32).fill(2)
const CUSTOMER = getPublicKey(customerKey)
const PROVIDER = getPublicKey(providerKey)
const OTHER = getPublicKey(new Uint8Array(32).fill(3))
const NOW_S = 1_750_000_000
const NOW = NOW_S * 1000

const LLAMA: ModelInfo = { name: 'llama3.2', digest: 'd', sizeBytes: 1, contextLength: 8192 }

const view = (over: Partial<RequestView> = {}): RequestView => ({
  provider: { pubkey: PROVIDER, secretKey: providerKey },
  settings: { ...DEFAULT_SETTINGS, pricePerJobSats: 0, pricePer1kTokensSats: 0 },
  ollama: { models: [LLAMA] },
  awaitingPayment: 0,
  known: false,
  now: NOW,
  notBefore: NOW_S - 600,
  recentRequests: 0,
  accepting: true,
  queueSize: 0,
  canInvoice: true,
  testKeys: new Set(),
  ...over,
})
const paid = { ...DEFAULT_SETTINGS, pricePerJobSats: 5, pricePer1kTokensSats: 0 }

const request = (
  tags: string[][] = [['i', 'Write a haiku', 'text']],
  over: { kind?: number; created_at?: number; content?: string } = {},
): NostrEvent =>
  finalizeEvent(
    { kind: 5050, created_at: NOW_S - 10, content: '', tags, ...over },
    customerKey,
  ) as NostrEvent

const encryptedFor = (to: string, secretTags: string[][]) =>
  request([['p', to], ['encrypted']], {
    content: nip44.encrypt(JSON.stringify(secretTags), nip44.getConversationKey(customerKey, to)),
  })

/** What intake does: decide, and for a request to resolve, fetch (here: text only) and decide on. */
const NOT_FOUND = 'could not find the event input on the relays'
const decideRequest = (event: NostrEvent, v: RequestView): Decision => {
  const first = decideFirst(event, v)
  if (first.action !== 'resolve') return first
  const inputs = first.request.inputs
  const texts = inputs.flatMap((i) => (i.type === 'text' ? [i.text] : []))
  const resolved =
    texts.length === inputs.length
      ? { ok: true as const, value: { texts, prompt: joinInputs(texts) } }
      : { ok: false as const, error: NOT_FOUND }
  return decideResolved(first.request, first.to, resolved, v, first.model)
}

type Row = [name: string, event: NostrEvent, view: RequestView, expected: Partial<Decision>]

const rows: Row[] = [
  [
    'blocked customer',
    request(),
    view({ settings: { ...view().settings, blocklist: [CUSTOMER] } }),
    { action: 'ignore', reason: 'blocked' },
  ],
  [
    'blocked even when already known',
    request(),
    view({ known: true, settings: { ...view().settings, blocklist: [CUSTOMER] } }),
    { action: 'ignore', reason: 'blocked' },
  ],
  [
    'seen before (in the journal)',
    request(),
    view({ known: true }),
    { action: 'ignore', reason: 'known' },
  ],
  [
    'not a text request',
    request(undefined, { kind: 5000 }),
    view(),
    { action: 'ignore', reason: 'not-a-text-request' },
  ],
  [
    'addressed to another provider',
    request([
      ['i', 'hi', 'text'],
      ['p', OTHER],
    ]),
    view(),
    { action: 'ignore', reason: 'for-another-provider' },
  ],
  [
    'expired',
    request([
      ['i', 'hi', 'text'],
      ['expiration', String(NOW_S - 1)],
    ]),
    view(),
    { action: 'ignore', reason: 'expired' },
  ],
  [
    'older than the lookback',
    request(undefined, { created_at: NOW_S - 601 }),
    view(),
    { action: 'ignore', reason: 'too-old' },
  ],
  [
    'created in the future',
    request(undefined, { created_at: NOW_S + 3601 }),
    view(),
    { action: 'ignore', reason: 'from-the-future' },
  ],
  [
    // Encrypted, and tagged to nobody: no key here can read it.
    'encrypted for someone else',
    request([['encrypted']], { content: encryptedFor(OTHER, [['i', 'hi', 'text']]).content }),
    view(),
    { action: 'ignore', reason: 'encrypted-for-someone-else' },
  ],
  [
    'encrypted and tagged to another provider',
    encryptedFor(OTHER, [['i', 'hi', 'text']]),
    view(),
    { action: 'ignore', reason: 'for-another-provider' },
  ],
  [
    'encrypted for us but undecryptable',
    request([['p', PROVIDER], ['encrypted']], { content: 'Agarbage' }),
    view(),
    { action: 'ignore', reason: 'undecryptable' },
  ],
  [
    'malformed (no input)',
    request([['param', 'model', 'x']]),
    view(),
    { action: 'refuse', reason: 'malformed' },
  ],
  [
    'malformed (a bad param)',
    request([
      ['i', 'hi', 'text'],
      ['param', 'top_k', 'many'],
    ]),
    view(),
    { action: 'refuse', reason: 'malformed' },
  ],
  [
    'over the rate limit',
    request(),
    view({ recentRequests: DEFAULT_SETTINGS.rateLimitPerMinute }),
    { action: 'refuse', reason: 'rate-limited' },
  ],
  [
    'bid below the price',
    request([
      ['i', 'hi', 'text'],
      ['bid', '1000'],
    ]),
    view({ settings: paid }),
    { action: 'refuse', reason: 'bid-below-price' },
  ],
  [
    'a model not offered here',
    request([
      ['i', 'hi', 'text'],
      ['param', 'model', 'llama3.3:70b'],
    ]),
    view({ settings: { ...view().settings, fallbackToDefaultModel: false } }),
    { action: 'refuse', reason: 'model-not-offered' },
  ],
  [
    'an event input nobody has',
    request([['i', 'e'.repeat(64), 'event']]),
    view(),
    { action: 'refuse', reason: 'inputs-unusable' },
  ],
  [
    'queue full counting the invoices out',
    request(),
    view({ queueSize: 1, awaitingPayment: DEFAULT_SETTINGS.queueCapacity - 1 }),
    { action: 'refuse', reason: 'queue-full' },
  ],
  [
    'while going offline',
    request(),
    view({ accepting: false }),
    { action: 'ignore', reason: 'while-offline' },
  ],
  [
    'queue full',
    request(),
    view({ queueSize: DEFAULT_SETTINGS.queueCapacity }),
    { action: 'refuse', reason: 'queue-full' },
  ],
  [
    'paid, wallet not ready',
    request(),
    view({ settings: paid, canInvoice: false }),
    { action: 'refuse', reason: 'wallet-not-ready' },
  ],
  ['free, wallet not ready', request(), view({ canInvoice: false }), { action: 'queue' }],
  ['free', request(), view(), { action: 'queue' }],
  ['paid', request(), view({ settings: paid }), { action: 'invoice' }],
  [
    'paid, bid at the price',
    request([
      ['i', 'hi', 'text'],
      ['bid', '5000'],
    ]),
    view({ settings: paid }),
    { action: 'invoice' },
  ],
  [
    'paid price, but the customer is on the free list',
    request([
      ['i', 'hi', 'text'],
      ['bid', '0'],
    ]),
    view({ settings: { ...paid, allowlist: [CUSTOMER] } }),
    { action: 'queue' },
  ],
  [
    "paid price and no wallet, but it is this provider's own test job: free, marked test",
    request([['i', 'hi', 'text']]),
    view({ settings: paid, canInvoice: false, testKeys: new Set([CUSTOMER]) }),
    { action: 'queue', job: expect.objectContaining({ priceMsats: 0, test: true }) },
  ],
  [
    'encrypted for us, free',
    encryptedFor(PROVIDER, [['i', 'secret', 'text']]),
    view(),
    { action: 'queue' },
  ],
]

describe('decideRequest: the table', () => {
  it.each(rows)('%s', (_, event, v, expected) => {
    const decision = decideRequest(event, v)
    expect(decision).toMatchObject(expected)
    if ('reason' in decision) expect(REQUEST_REASONS[decision.reason].action).toBe(decision.action)
  })

  it('covers every reason code', () => {
    const seen = new Set(
      rows.map(([, e, v]) => decideRequest(e, v)).flatMap((d) => ('reason' in d ? [d.reason] : [])),
    )
    // The wallet's invoice limits are asked by intake when an invoice is about to be made, since
    // a yes counts against them (invoice-limits.test.ts, invoice-limits.int.test.ts).
    const decided = Object.keys(REQUEST_REASONS).filter((r) => r !== 'invoice-limit')
    expect([...seen].sort()).toEqual(decided.sort())
  })

  it('a request ours and able to run is sent to be resolved, counted once against the rate', () => {
    const d = decideFirst(request(), view())
    expect(d).toMatchObject({ action: 'resolve', countsTowardRate: true })
    if (d.action !== 'resolve') return
    const resolved = { ok: true as const, value: { texts: ['hi'], prompt: 'hi' } }
    for (const v of [
      view(),
      view({ accepting: false }),
      view({ settings: paid, canInvoice: false }),
    ])
      expect(decideResolved(d.request, d.to, resolved, v)).not.toHaveProperty('countsTowardRate')
  })

  it('quotes at the price of the model that will run, the default model at the default price', () => {
    const BIG: ModelInfo = { ...LLAMA, name: 'llama3:70b' }
    const settings = {
      ...paid,
      defaultModel: 'llama3.2',
      modelPrices: { 'llama3:70b': { perJobSats: 50, per1kTokensSats: 0 } },
    }
    const v = view({ settings, ollama: { models: [LLAMA, BIG] } })
    const price = (tags: string[][]) => {
      const d = decideRequest(request([['i', 'hi', 'text'], ...tags]), v)
      return d.action === 'invoice' ? d.job.priceMsats : d.action
    }
    expect(price([['param', 'model', 'llama3:70b']])).toBe(50_000)
    expect(price([['param', 'model', 'llama3.2']])).toBe(5_000)
    // Naming no model, or one not here (the default runs it): the default model's price.
    expect(price([])).toBe(5_000)
    expect(price([['param', 'model', 'gone']])).toBe(5_000)
    // A bid that covers the small model's price but not the big one's is refused for the big.
    const low = decideRequest(
      request([
        ['i', 'hi', 'text'],
        ['param', 'model', 'llama3:70b'],
        ['bid', '10000'],
      ]),
      v,
    )
    expect(low).toMatchObject({ action: 'refuse', reason: 'bid-below-price' })
  })

  it('prices what the model will read: the fetched prompt, not the short request', () => {
    const d = decideFirst(request([['i', 'e'.repeat(64), 'event']]), view())
    if (d.action !== 'resolve') throw new Error(`expected resolve, got ${d.action}`)
    const perToken = { ...paid, pricePerJobSats: 0, pricePer1kTokensSats: 1000 }
    const long = 'x'.repeat(40_000)
    const priced = decideResolved(
      d.request,
      d.to,
      { ok: true, value: { texts: [long], prompt: long } },
      view({ settings: perToken }),
    )
    const short = decideResolved(
      d.request,
      d.to,
      { ok: true, value: { texts: ['hi'], prompt: 'hi' } },
      view({ settings: perToken }),
    )
    if (priced.action !== 'invoice' || short.action !== 'invoice') throw new Error('not invoiced')
    expect(priced.job.priceMsats).toBeGreaterThan(short.job.priceMsats)
    expect(priced.job.prompt).toBe(long)
  })
})

describe('decideRequest: what each decision says', () => {
  it('a replay of a known job is no drop: nothing to log, no rate hit', () => {
    expect(decideRequest(request(), view({ known: true }))).toEqual({
      action: 'ignore',
      reason: 'known',
    })
  })

  it('an ignored request names itself and why in the log line', () => {
    const event = request([
      ['i', 'hi', 'text'],
      ['p', OTHER],
    ])
    expect(decideRequest(event, view())).toEqual({
      action: 'ignore',
      reason: 'for-another-provider',
      log: `request ${event.id.slice(0, 8)} ignored: addressed to another provider`,
    })
    const blocked = decideRequest(
      event,
      view({ settings: { ...view().settings, blocklist: [CUSTOMER] } }),
    )
    expect(blocked).toMatchObject({
      log: `request ${event.id.slice(0, 8)} from blocked customer ${CUSTOMER.slice(0, 8)}`,
    })
  })

  it('a malformed request is refused with the codec words, answered to the customer', () => {
    const event = request([['param', 'model', 'x']])
    expect(decideRequest(event, view())).toEqual({
      action: 'refuse',
      reason: 'malformed',
      to: { id: event.id, customer: CUSTOMER, encryption: undefined, replyRelays: [] },
      feedback: {
        status: 'error',
        text: 'Refused: the request has no input; add an ["i", "<prompt>", "text"] tag',
      },
      log: `request ${event.id.slice(0, 8)} refused: the request has no input; add an ["i", "<prompt>", "text"] tag`,
    })
  })

  it('a refused encrypted request is answered encrypted, the way it was asked', () => {
    const event = encryptedFor(PROVIDER, [['param', 'model', 'x']])
    expect(decideRequest(event, view())).toMatchObject({
      action: 'refuse',
      to: { encryption: 'nip44' },
    })
  })

  it('a bid below the price names both and quotes the price', () => {
    const event = request([
      ['i', 'hi', 'text'],
      ['bid', '1000'],
      ['relays', 'wss://theirs.example'],
    ])
    expect(decideRequest(event, view({ settings: paid }))).toEqual({
      action: 'refuse',
      reason: 'bid-below-price',
      to: {
        id: event.id,
        customer: CUSTOMER,
        encryption: undefined,
        replyRelays: ['wss://theirs.example'],
      },
      feedback: {
        status: 'error',
        text: 'Your bid of 1000 msats is below the price of 5000 msats (5 sats)',
        amount: { msats: 5000 },
      },
    })
  })

  it('the rate limit says the limit, and a refused request does not count against it', () => {
    const d = decideRequest(
      request(),
      view({ recentRequests: 3, settings: { ...view().settings, rateLimitPerMinute: 3 } }),
    )
    expect(d).toMatchObject({
      feedback: {
        status: 'error',
        text: 'Rate limited: at most 3 requests a minute; try again shortly',
      },
    })
    expect(d).not.toHaveProperty('countsTowardRate')
    expect(
      decideRequest(
        request(),
        view({ recentRequests: 2, settings: { ...view().settings, rateLimitPerMinute: 3 } }),
      ),
    ).toMatchObject({ action: 'queue' })
    expect(
      decideFirst(
        request(),
        view({ recentRequests: 2, settings: { ...view().settings, rateLimitPerMinute: 3 } }),
      ),
    ).toMatchObject({ action: 'resolve', countsTowardRate: true })
  })

  it('queue full and wallet not ready say what to do', () => {
    expect(
      decideRequest(
        request(),
        view({ queueSize: 2, settings: { ...view().settings, queueCapacity: 2 } }),
      ),
    ).toMatchObject({
      feedback: { text: 'Busy: the queue is full, try again in a minute' },
    })
    expect(decideRequest(request(), view({ settings: paid, canInvoice: false }))).toMatchObject({
      feedback: {
        text: "This provider can't take payments right now (its wallet is not ready); try again later",
      },
    })
  })

  it('going offline drops the request (it counted against the rate when sent to resolve)', () => {
    const event = request()
    expect(decideRequest(event, view({ accepting: false }))).toEqual({
      action: 'ignore',
      reason: 'while-offline',
      log: `request ${event.id.slice(0, 8)} arrived while going offline`,
    })
  })

  it('a free request becomes a queued job record, received now', () => {
    const event = request([
      ['i', 'Write a haiku', 'text'],
      ['param', 'model', 'llama3.2'],
    ])
    expect(decideRequest(event, view())).toEqual({
      action: 'queue',
      job: {
        id: event.id,
        customer: CUSTOMER,
        requestedAt: NOW_S - 10,
        receivedAt: NOW,
        state: 'queued',
        timeline: [{ state: 'queued', at: NOW }],
        request: event,
        prompt: 'Write a haiku',
        priceMsats: 0,
        replyRelays: [],
        params: { model: 'llama3.2' },
        inputs: [{ type: 'text', text: 'Write a haiku' }],
        model: 'llama3.2',
      },
    })
  })

  it('a paid request becomes a job awaiting payment at the quoted price', () => {
    const d = decideRequest(request(), view({ settings: paid }))
    expect(d).toMatchObject({
      action: 'invoice',
      job: { state: 'awaiting-payment', priceMsats: 5000 },
    })
  })

  it('an encrypted request keeps its scheme and the decrypted prompt', () => {
    const d = decideRequest(encryptedFor(PROVIDER, [['i', 'secret', 'text']]), view())
    expect(d).toMatchObject({ action: 'queue', job: { encryption: 'nip44', prompt: 'secret' } })
  })
})
