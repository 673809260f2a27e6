/**
 * What real NIP-90 clients send and read (real-network.md, section A), against the engine in
 * Node: an NDK customer reading every status of an encrypted job with NDK's own DVM classes,
 * and customers built directly on nostr-tools sending the request shapes seen in the wild.
 */
import { describe, expect, it } from 'vitest'
import { generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { createCustomer, type Customer, type RequestOptions } from '../../../fixtures/customer.ts'
import { useEngineRig } from '../../../fixtures/engine-rig.ts'
import { echoReply } from '../../../fixtures/fake-ollama.ts'
import { encryptedRequest } from '../../../fixtures/client-requests.ts'
import { createNdkCustomer, type NdkReply } from '../../../fixtures/ndk-customer.ts'
import { startNwcWallet } from '../../../fixtures/nwc-wallet.ts'

const rig = useEngineRig()

const nostrToolsCustomer = async (): Promise<Customer> => {
  const customer = await createCustomer([rig.relay.url])
  rig.cleanups.push(() => customer.close())
  return customer
}

const generations = () => rig.ollama.generations()
const bodyOf = (i: number) =>
  generations()[i]?.body as { prompt?: string; options?: Record<string, unknown> } | undefined
const statusText = (e: Event) => e.tags.find((t) => t[0] === 'status')?.[2] ?? ''
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

describe('an NDK customer reads every status of an encrypted job', () => {
  /** What anyone on the relay can read of a reply: no status, amount, invoice or text. */
  const expectNothingInTheClear = (reply: NdkReply, secrets: string[]) => {
    expect(reply.event.tags.map((t) => t[0]).sort()).toEqual(['alt', 'e', 'encrypted', 'p'])
    const wire = JSON.stringify(reply.event)
    for (const secret of secrets) expect(inTheClear(wire, secret), secret).toBe(false)
  }
  // Ids and signatures are hex and ciphertext is base64: a short secret made of those letters
  // turns up there by chance now and then, so it counts only where plaintext would put it.
  const inTheClear = (text: string, secret: string): boolean =>
    /^[A-Za-z0-9+/=]+$/.test(secret)
      ? new RegExp(`(^|[^A-Za-z0-9+/=])${secret}($|[^A-Za-z0-9+/=])`).test(text)
      : text.includes(secret)

  it.each(['nip44', 'nip04'] as const)(
    '%s: payment-required with amount and bolt11, processing, partial text, success, and a refusal',
    async (scheme) => {
      const nwc = await startNwcWallet({ relayUrl: rig.relay.url })
      rig.cleanups.push(() => nwc.stop())
      const engine = await rig.startOnline(
        { pricePerJobSats: 3, streamPartials: true },
        { nwcUri: nwc.uri },
      )
      const provider = (await engine.snapshot()).provider.pubkey
      const customer = await createNdkCustomer([rig.relay.url])
      rig.cleanups.push(() => customer.close())
      const prompt = words(30)
      const shape = encryptedRequest(prompt, provider, { params: [['max_tokens', '500']] })
      const req = await customer.sendRequest({ ...shape, encrypt: { provider, scheme } })

      const pay = await customer.waitForFeedback(req.id, 'payment-required', 15_000)
      const amount = pay.tags.find((t) => t[0] === 'amount')
      // 3 sats + 0 per 1k tokens
      expect(amount?.[1]).toBe('3000')
      const bolt11 = amount?.[2] ?? ''
      expect(bolt11).toMatch(/^lnbc/)
      expect(pay.tags.find((t) => t[0] === 'status')?.[2]).toBe('Pay 3 sats to run this job')
      expectNothingInTheClear(pay, [bolt11, 'payment-required', '3000'])

      rig.ollama.setTokenDelayMs(100)
      await nwc.pay(bolt11)
      const processing = await customer.waitForFeedback(req.id, 'processing', 15_000)
      expectNothingInTheClear(processing, ['processing', 'Generating'])
      const partial = await customer.waitForFeedback(req.id, 'partial', 15_000)
      const soFar = partial.tags.find((t) => t[0] === 'content')?.[1] ?? ''
      expect(soFar.length).toBeGreaterThan(0)
      expect(echoReply(prompt).startsWith(soFar)).toBe(true)
      expectNothingInTheClear(partial, [soFar.slice(0, 20), 'partial'])

      const result = await customer.waitForResult(req.id, 15_000)
      expect(result.content).toBe(echoReply(prompt))
      expect(JSON.parse(result.tags.find((t) => t[0] === 'request')?.[1] ?? '{}').id).toBe(req.id)
      expect(result.tags).toContainEqual(['amount', '3000'])
      expect(result.tags.find((t) => t[0] === 'alt')?.[1]).toBeTruthy()
      const success = await customer.waitForFeedback(req.id, 'success', 15_000)
      expectNothingInTheClear(success, ['success'])

      // A refusal is an error feedback in the same shape, with the price it names readable.
      const cheap = encryptedRequest('too cheap', provider, { params: [['max_tokens', '10']] })
      const low = await customer.sendRequest({
        ...cheap,
        privateTags: [...(cheap.privateTags ?? []), ['bid', '1000']],
        encrypt: { provider, scheme },
      })
      const error = await customer.waitForFeedback(low.id, 'error', 15_000)
      expect(error.tags.find((t) => t[0] === 'status')?.[2]).toContain('below the price of 3000')
      expect(error.tags).toContainEqual(['amount', '3000'])
      expectNothingInTheClear(error, ['error', 'below the price', '3000'])
      for (const reply of customer.replies(req.id)) expect(reply.unreadable).toBeUndefined()
    },
  )
})

describe('customers built on nostr-tools, sending what clients in the wild send', () => {
  it('["param", "prompt", text] with no i tag is the prompt', async () => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.sendRequest({ params: { prompt: 'Hello via param' } })
    expect((await customer.waitForResult(req.id)).content).toBe(echoReply('Hello via param'))
    expect(bodyOf(0)?.prompt).toBe('Hello via param')
  })

  it('a content-only request: the content is the prompt', async () => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.publish({
      kind: 5050,
      created_at: Math.floor(Date.now() / 1000),
      tags: [['output', 'text/plain']],
      content: 'Tell me about relays',
    })
    expect((await customer.waitForResult(req.id)).content).toBe(echoReply('Tell me about relays'))
  })

  it("filler content beside an i tag: the i tag is the prompt (noogle's shape)", async () => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.sendRequest({
      prompt: 'the real question',
      content: 'NIP 90 Text Generation Request',
    })
    expect((await customer.waitForResult(req.id)).content).toBe(echoReply('the real question'))
    expect(bodyOf(0)?.prompt).toBe('the real question')
  })

  it('text plus a url input: the url is skipped and the feedback says so', async () => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.sendRequest({
      prompt: 'Describe the picture',
      inputs: [['https://example.com/cat.png', 'url']],
    })
    const result = await customer.waitForResult(req.id)
    expect(result.content).toBe(echoReply('Describe the picture'))
    expect(result.tags).toContainEqual(['i', 'https://example.com/cat.png', 'url'])
    const processing = await customer.waitForFeedback(req.id, 'processing')
    expect(statusText(processing)).toBe(
      'Generating your answer (skipped the "url" input: this provider reads text, event and job inputs)',
    )
  })

  it('two p tags with ours second: served; with neither ours: ignored', async () => {
    const engine = await rig.startOnline()
    const provider = (await engine.snapshot()).provider.pubkey
    const other = getPublicKey(generateSecretKey())
    const customer = await nostrToolsCustomer()
    const elsewhere = await customer.sendRequest({
      prompt: 'not for this one',
      tags: [
        ['p', other],
        ['p', getPublicKey(generateSecretKey())],
      ],
    })
    const req = await customer.sendRequest({
      prompt: 'for either of you',
      tags: [
        ['p', other],
        ['p', provider],
      ],
    })
    expect((await customer.waitForResult(req.id)).content).toBe(echoReply('for either of you'))
    await customer.waitForFeedback(req.id, 'success')
    expect(customer.feedback(elsewhere.id)).toEqual([])
    expect(generations().map((g) => (g.body as { prompt: string }).prompt)).toEqual([
      'for either of you',
    ])
  })

  it('stop (repeated) and presence_penalty reach Ollama, and the answer ends at the stop', async () => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.sendRequest({
      prompt: 'one two three four five',
      params: { presence_penalty: 0.5, frequency_penalty: 0.2, mirostat_eta: 'ignored' },
      tags: [
        ['param', 'stop', 'four'],
        ['param', 'stop', '\n\n'],
      ],
    })
    expect((await customer.waitForResult(req.id)).content).toBe('Echo: one two three ')
    expect(bodyOf(0)?.options).toMatchObject({
      presence_penalty: 0.5,
      frequency_penalty: 0.2,
      stop: ['four', '\n\n'],
    })
  })

  const refusals: [string, RequestOptions, string][] = [
    ['a url-only request', { inputs: [['https://example.com/a.png', 'url']] }, '"url"'],
    [
      'a non-number presence_penalty',
      { prompt: 'x', params: { presence_penalty: 'high' } },
      'param presence_penalty must be a number',
    ],
    ['no input and empty content', { params: { model: 'x' } }, 'the request has no input'],
    ['an empty param prompt', { params: { prompt: ' ' } }, 'the prompt is empty'],
    [
      'a stop over 200 characters',
      { prompt: 'x', params: { stop: 's'.repeat(201) } },
      'param stop is 201 characters',
    ],
  ]
  it.each(refusals)('refuses %s with a reason', async (_, shape, reason) => {
    await rig.startOnline()
    const customer = await nostrToolsCustomer()
    const req = await customer.sendRequest(shape)
    const error = await customer.waitForFeedback(req.id, 'error')
    expect(statusText(error)).toContain(reason)
    expect(customer.results(req.id)).toEqual([])
    expect(generations()).toEqual([])
  })
})
