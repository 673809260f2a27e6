/**
 * The provider's NIP-90 protocol, feature by feature, in Node: the engine against real local
 * relays, a fake Ollama over HTTP, and customers that are separate clients (nostr-tools, and
 * NDK for the encrypted round trips). Requests are shaped like real clients' (client-requests).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import * as nip44 from 'nostr-tools/nip44'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { startRelay, type TestRelay } from '../../../fixtures/relay.ts'
import {
  DEFAULT_MODELS,
  echoReply,
  modelDigest,
  startFakeOllama,
  type FakeOllama,
} from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { createNdkCustomer, type NdkCustomer } from '../../../fixtures/ndk-customer.ts'
import { openFeedback } from '../../../fixtures/open-feedback.ts'
import { createRig, until } from '../../../fixtures/engine-rig.ts'
import {
  encryptedRequest,
  paramsAndBidRequest,
  plainRequest,
  pTaggedRequest,
  signClientRequest,
} from '../../../fixtures/client-requests.ts'
import type { Settings } from '../../shared/settings.ts'
import { detectEncryption } from '../../shared/nip90/index.ts'
import type { Engine } from './engine.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'

let relay: TestRelay
let ollama: FakeOllama
const cleanups: (() => unknown)[] = []
const alice = generateSecretKey()
const bob = generateSecretKey()

const startOnline = (settings: Partial<Settings> = {}, nwcUri?: string) =>
  createRig({ relayUrl: relay.url, ollamaUrl: ollama.url, cleanups }).startOnline(
    settings,
    nwcUri ? { nwcUri } : {},
  )

const providerOf = async (engine: Engine) => (await engine.snapshot()).provider.pubkey

const startSecondRelay = async () => {
  const second = await startRelay()
  cleanups.push(() => second.stop())
  return second
}

const startNdkCustomer = async (urls: string[]) => {
  const customer: NdkCustomer = await createNdkCustomer(urls)
  cleanups.push(() => customer.close())
  return customer
}

/** The provider's replies to a request, as its customer (alice or bob) reads them. */
const repliesTo = (id: string, on: TestRelay = relay) =>
  on
    .events()
    .filter((e) => e.tags.some((t) => t[0] === 'e' && t[1] === id))
    .map((e) => openFeedback(openFeedback(e, alice), bob))
const statusTag = (e: Event) => e.tags.find((t) => t[0] === 'status')
const statuses = (id: string, on: TestRelay = relay) =>
  repliesTo(id, on)
    .filter((e) => e.kind === 7000)
    .map((e) => statusTag(e)?.[1])
const feedbackText = (id: string, status: string) =>
  repliesTo(id)
    .filter((e) => e.kind === 7000 && statusTag(e)?.[1] === status)
    .map((e) => statusTag(e)?.[2])
const resultOf = (id: string) => relay.waitForEvent({ kinds: [6050], '#e': [id] })
const generations = () => ollama.generations()
const optionsOf = (body: unknown) => (body as { options?: Record<string, number> }).options
const promptOf = (body: unknown) => (body as { prompt?: string }).prompt
const send = (event: Event) => {
  relay.injectEvent(event)
  return event
}
/** A prompt the fake answers with about `words + 1` tokens. */
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

beforeEach(async () => {
  relay = await startRelay()
  ollama = await startFakeOllama({ tokenDelayMs: 1 })
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await relay.stop()
  await ollama.stop()
})

describe('encryption (NDK customer)', () => {
  it('serves a plain NDK request: result with request, i, p, model and usage tags', async () => {
    const engine = await startOnline()
    const customer = await startNdkCustomer([relay.url])
    const prompt = 'What is a relay?'
    const req = await customer.sendRequest(plainRequest(prompt))
    const result = await customer.waitForResult(req.id)
    await customer.waitForFeedback(req.id, 'success')
    expect(result.content).toBe(echoReply(prompt))
    expect(result.event.pubkey).toBe(await providerOf(engine))
    expect(result.event.tags).toContainEqual(['i', prompt, 'text'])
    expect(result.event.tags).toContainEqual(['p', customer.pubkey])
    expect(result.event.tags).toContainEqual(['e', req.id, relay.url])
    expect(JSON.parse(result.event.tags.find((t) => t[0] === 'request')?.[1] ?? '{}').id).toBe(
      req.id,
    )
    const model = DEFAULT_MODELS[0]!
    expect(result.event.tags).toContainEqual(['model', model.name, modelDigest(model)])
    const usage = generations()[0]?.usage
    expect(result.event.tags).toContainEqual([
      'usage',
      String(usage?.promptTokens),
      String(usage?.completionTokens),
    ])
  })

  it.each(['nip44', 'nip04'] as const)(
    'answers an NDK %s-encrypted request in the same scheme with ["encrypted"], leaking nothing',
    async (scheme) => {
      // The customer's second relay is on 127.0.0.1: followed only when the provider allows it.
      const engine = await startOnline({ allowPrivateRelays: true })
      const provider = await providerOf(engine)
      const theirs = await startSecondRelay()
      const customer = await startNdkCustomer([relay.url])
      const prompt = `a secret question for ${scheme}`
      const shape = encryptedRequest(prompt, provider, {
        params: [['temperature', '0.5']],
        relays: [theirs.url],
      })
      const req = await customer.sendRequest({ ...shape, encrypt: { provider, scheme } })
      expect(req.tags).toContainEqual(['encrypted'])
      expect(detectEncryption(req.content)).toBe(scheme)

      const result = await customer.waitForResult(req.id)
      const success = await customer.waitForFeedback(req.id, 'success')
      expect(result.content).toBe(echoReply(prompt))
      expect(detectEncryption(result.event.content)).toBe(scheme)
      expect(result.event.tags).toContainEqual(['encrypted'])
      expect(result.event.tags).toContainEqual(['p', customer.pubkey])
      // The request is echoed, as NIP-90 shows it: it holds only ciphertext. No input tags.
      const echoed = JSON.parse(result.tags.find((t) => t[0] === 'request')?.[1] ?? '{}')
      expect(echoed).toEqual(req)
      expect(result.event.tags.filter((t) => t[0] === 'i')).toEqual([])
      expect(success.event.tags).toContainEqual(['encrypted'])
      // The private params and relays were read: Ollama got the temperature, and the
      // replies also went to the relay named only inside the encrypted content.
      expect(optionsOf(generations()[0]?.body)?.temperature).toBe(0.5)
      const readThere = () => Promise.all(repliesTo(req.id, theirs).map((e) => customer.read(e)))
      await until(async () => (await readThere()).some((r) => r.status === 'success'))
      expect((await readThere()).filter((r) => r.event.kind === 6050)).toHaveLength(1)
      const published = [...relay.events(), ...theirs.events()].filter((e) => e.pubkey === provider)
      expect(JSON.stringify(published)).not.toContain('secret question')
    },
  )

  it('drops a request encrypted for another key, says why in the log, and keeps serving', async () => {
    const engine = await startOnline()
    const provider = await providerOf(engine)
    const stranger = getPublicKey(generateSecretKey())
    const misaddressed = send(
      signClientRequest(encryptedRequest('not for you', provider), alice, { encryptFor: stranger }),
    )
    const good = send(signClientRequest(plainRequest('still serving?'), bob))
    await resultOf(good.id)
    await engine.whenIdle()
    expect(repliesTo(misaddressed.id)).toEqual([])
    expect((await newestJobs(engine, 10)).map((j) => j.id)).toEqual([good.id])
    const log = (await engine.recentLog()).map((l) => l.message)
    expect(log.some((m) => m.includes(misaddressed.id.slice(0, 8)) && m.includes('decrypt'))).toBe(
      true,
    )
    expect((await engine.snapshot()).counts.dropped).toBeGreaterThanOrEqual(1)
  })
})

describe('inputs', () => {
  it('joins several inputs in order: text, prompt, and an event fetched from its hinted relay', async () => {
    await startOnline({ allowPrivateRelays: true })
    const elsewhere = await startSecondRelay()
    const note = finalizeEvent(
      { kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: 'the note text' },
      bob,
    )
    // Only on the hinted relay: the provider must go there to find it.
    elsewhere.injectEvent(note)
    const req = send(
      signClientRequest(
        {
          tags: [
            ['i', 'first', 'text'],
            ['i', 'second', 'prompt'],
            ['i', note.id, 'event', elsewhere.url],
          ],
        },
        alice,
      ),
    )
    const result = await resultOf(req.id)
    expect(promptOf(generations()[0]?.body)).toBe('first\n\nsecond\n\nthe note text')
    expect(result.content).toBe(echoReply('first\n\nsecond\n\nthe note text'))
  })

  it('chains a job input on the result of an earlier job', async () => {
    await startOnline()
    const first = send(signClientRequest(plainRequest('step one'), alice))
    await resultOf(first.id)
    const second = send(signClientRequest({ tags: [['i', first.id, 'job']] }, alice))
    const result = await resultOf(second.id)
    expect(promptOf(generations()[1]?.body)).toBe(echoReply('step one'))
    expect(result.content).toBe(echoReply(echoReply('step one')))
  })

  it('fails an event input that no relay has, saying which', async () => {
    await startOnline()
    const missing = 'ab'.repeat(32)
    const req = send(signClientRequest({ tags: [['i', missing, 'event']] }, alice))
    await until(() => statuses(req.id).includes('error'))
    expect(feedbackText(req.id, 'error')[0]).toContain(`could not find the event input`)
    expect(generations()).toEqual([])
  })

  it('refuses a url input with an error naming the type', async () => {
    await startOnline()
    const req = send(signClientRequest({ tags: [['i', 'https://example.com/a', 'url']] }, alice))
    await until(() => statuses(req.id).includes('error'))
    expect(feedbackText(req.id, 'error')[0]).toContain('input type "url" is not supported')
    expect(generations()).toEqual([])
  })
})

describe('params', () => {
  it('passes params to Ollama, with the top-k alias, clamped to the provider limits', async () => {
    await startOnline({ maxTokensCap: 4096 })
    const shape = paramsAndBidRequest('tune me', {
      maxTokens: 8000,
      temperature: 5,
      topK: 40,
      topP: 0.9,
      frequencyPenalty: -3,
      seed: 42,
      bidMsats: 1000,
    })
    expect(shape.tags).toContainEqual(['param', 'top-k', '40'])
    const req = send(signClientRequest(shape, alice))
    await resultOf(req.id)
    expect(optionsOf(generations()[0]?.body)).toEqual({
      num_predict: 4096,
      temperature: 2,
      top_k: 40,
      top_p: 0.9,
      frequency_penalty: -2,
      seed: 42,
      // The context window it runs with: the model's own, capped to a safe size.
      num_ctx: 8192,
    })
  })

  it('refuses a param that is not a number, naming it', async () => {
    await startOnline()
    const req = send(
      signClientRequest(
        { tags: [...plainRequest('x').tags, ['param', 'temperature', 'hot']] },
        alice,
      ),
    )
    await until(() => statuses(req.id).includes('error'))
    expect(feedbackText(req.id, 'error')[0]).toContain('param temperature must be a number')
  })

  it('uses an installed model asked for, and falls back to the default for a missing one, naming it', async () => {
    const [llama, qwen] = [DEFAULT_MODELS[0]!, DEFAULT_MODELS[1]!]
    await startOnline({ defaultModel: qwen.name })
    const asked = send(signClientRequest(paramsAndBidRequest('a', { model: llama.name }), alice))
    // One after the other: two requests in flight at once may be taken in either order.
    expect((await resultOf(asked.id)).tags).toContainEqual([
      'model',
      llama.name,
      modelDigest(llama),
    ])
    const missing = send(
      signClientRequest(paramsAndBidRequest('b', { model: 'mistral:7b' }), alice),
    )
    expect((await resultOf(missing.id)).tags).toContainEqual([
      'model',
      qwen.name,
      modelDigest(qwen),
    ])
    // Both requests arrive together: which one the queue takes first is not the point.
    const asOllamaSaw = generations().map((g) => {
      const body = g.body as { model: string; prompt: string }
      return [body.prompt, body.model]
    })
    expect(asOllamaSaw.sort()).toEqual([
      ['a', llama.name],
      ['b', qwen.name],
    ])
  })

  it('with fallback off, a missing model is an error naming it and Ollama is not called', async () => {
    await startOnline({ fallbackToDefaultModel: false })
    const req = send(signClientRequest(paramsAndBidRequest('c', { model: 'mistral:7b' }), alice))
    await until(() => statuses(req.id).includes('error'))
    expect(feedbackText(req.id, 'error')[0]).toContain('model mistral:7b is not installed')
    expect(repliesTo(req.id).some((e) => e.kind === 6050)).toBe(false)
    expect(generations()).toEqual([])
  })
})

describe('replies', () => {
  it("publishes feedback and the result to the customer's relays as well as ours", async () => {
    await startOnline({ allowPrivateRelays: true })
    const theirs = await startSecondRelay()
    const req = send(signClientRequest(plainRequest('reply over there', [theirs.url]), alice))
    await resultOf(req.id)
    await until(() => statuses(req.id, theirs).includes('success'))
    expect(statuses(req.id, theirs)).toEqual(['processing', 'success'])
    expect(repliesTo(req.id, theirs).filter((e) => e.kind === 6050)).toHaveLength(1)
  })

  it("a customer's relay that never acks holds up neither the job nor the queue", async () => {
    await startOnline({ concurrency: 1, allowPrivateRelays: true })
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    cleanups.push(() => {
      for (const socket of silent.clients) socket.terminate()
      silent.close()
    })
    await new Promise((r) => silent.once('listening', r))
    const sink = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const started = Date.now()
    const slow = send(signClientRequest(plainRequest('reply to my sink', [sink]), alice))
    const next = send(signClientRequest(plainRequest('and then me'), bob))
    await resultOf(slow.id)
    await resultOf(next.id)
    // nostr-tools waits 4.4 s for an OK: one such wait per reply would show here.
    expect(Date.now() - started).toBeLessThan(3000)
    await until(() => silent.clients.size > 0)
  })

  it('serves a request p-tagged to it and ignores one p-tagged to another provider', async () => {
    const engine = await startOnline()
    const other = getPublicKey(generateSecretKey())
    const elsewhere = send(signClientRequest(pTaggedRequest('for them', other), alice))
    const mine = send(signClientRequest(pTaggedRequest('for me', await providerOf(engine)), alice))
    await resultOf(mine.id)
    await engine.whenIdle()
    expect(repliesTo(elsewhere.id)).toEqual([])
  })
})

describe('cancellation', () => {
  const deletion = (id: string, key: Uint8Array) =>
    finalizeEvent(
      {
        kind: 5,
        created_at: Math.floor(Date.now() / 1000),
        tags: [
          ['e', id],
          ['k', '5050'],
        ],
        content: 'cancelled',
      },
      key,
    )

  it('a kind 5 from the requester aborts the Ollama call: error "cancelled", no result', async () => {
    const engine = await startOnline()
    ollama.setTokenDelayMs(50)
    const req = send(signClientRequest(plainRequest(words(60)), alice))
    await until(() => (generations()[0]?.tokensSent ?? 0) >= 3)
    const cancelledAt = Date.now()
    send(deletion(req.id, alice))
    await until(() => statuses(req.id).includes('error'))
    expect(Date.now() - cancelledAt).toBeLessThan(1500)
    expect(feedbackText(req.id, 'error')).toEqual(['cancelled'])
    await until(() => generations()[0]?.aborted === true, 2000)
    expect(generations()[0]?.tokensSent).toBeLessThan(40)
    await engine.whenIdle()
    expect(repliesTo(req.id).some((e) => e.kind === 6050)).toBe(false)
    const [job] = await newestJobs(engine, 1)
    expect(job?.state).toBe('cancelled')
  })

  it('a kind 5 from someone else is ignored: the job completes', async () => {
    const engine = await startOnline()
    ollama.setTokenDelayMs(20)
    const req = send(signClientRequest(plainRequest(words(20)), alice))
    await until(() => statuses(req.id).includes('processing'))
    send(deletion(req.id, bob))
    await until(() => statuses(req.id).includes('success'))
    expect(statuses(req.id)).toEqual(['processing', 'success'])
    expect(generations()[0]?.aborted).toBe(false)
    const log = (await engine.recentLog()).map((l) => l.message)
    expect(log.some((m) => m.includes('someone other than its customer'))).toBe(true)
  })

  it('a queued job cancelled before it starts never reaches Ollama', async () => {
    await startOnline({ concurrency: 1 })
    ollama.setTokenDelayMs(30)
    const running = send(signClientRequest(plainRequest(words(15)), alice))
    await until(() => statuses(running.id).includes('processing'))
    const waiting = send(signClientRequest(plainRequest('never run'), bob))
    await until(() => feedbackText(waiting.id, 'processing').includes('Queued: position 1'))
    send(deletion(waiting.id, bob))
    await until(() => statuses(waiting.id).includes('error'))
    await until(() => statuses(running.id).includes('success'))
    expect(feedbackText(waiting.id, 'error')).toEqual(['cancelled'])
    expect(generations().map((g) => promptOf(g.body))).toEqual([words(15)])
  })
})

describe('discovery', () => {
  const announcements = (pubkey: string) =>
    relay.events().filter((e) => e.kind === 31990 && e.pubkey === pubkey)
  const offered = (e: Event | undefined) =>
    (JSON.parse(e?.content ?? '{}') as { nip90Params?: { model?: { values?: string[] } } })
      .nip90Params?.model?.values

  it('announces (NIP-89) with a stable d, k 5050 and the installed models, and again when they change', async () => {
    const engine = await startOnline()
    const provider = await providerOf(engine)
    await until(() => announcements(provider).length > 0)
    const first = announcements(provider)[0]!
    const d = first.tags.find((t) => t[0] === 'd')?.[1]
    expect(d).toBeTruthy()
    expect(first.tags).toContainEqual(['k', '5050'])
    const content = JSON.parse(first.content) as { name?: string; about?: string }
    expect(content.name).toBeTruthy()
    expect(content.about).toBeTruthy()
    expect(offered(first)).toEqual(DEFAULT_MODELS.map((m) => m.name))

    ollama.setModels([...DEFAULT_MODELS, { name: 'mistral:7b' }])
    await engine.checkOllama()
    await until(() => offered(announcements(provider)[0])?.includes('mistral:7b') === true)
    // Addressable: the relay kept only the newest, under the same d.
    expect(announcements(provider)).toHaveLength(1)
    expect(announcements(provider)[0]?.tags).toContainEqual(['d', d as string])
  })

  it('sends a heartbeat (kind 11998) with the same d, a status and an expiration one period ahead', async () => {
    const engine = await startOnline()
    const provider = await providerOf(engine)
    const beat = await relay.waitForEvent({ kinds: [11998], authors: [provider] })
    const announcement = await relay.waitForEvent({ kinds: [31990], authors: [provider] })
    const tag = (e: Event, name: string) => e.tags.find((t) => t[0] === name)?.[1]
    expect(tag(beat, 'd')).toBe(tag(announcement, 'd'))
    expect(tag(beat, 'status')).toBe('online')
    expect(Number(tag(beat, 'expiration'))).toBe(beat.created_at + 300)
  })
})

describe('streaming', () => {
  it('sends partial feedback with the text so far at most once per 2 s, encrypted like the request, and none when switched off', async () => {
    // Two providers on one relay, each sent a request p-tagged to it: one streams, one does not.
    const streaming = await startOnline({ streamPartials: true })
    const quiet = await startOnline({ streamPartials: false })
    ollama.setTokenDelayMs(200)
    const prompt = words(23)
    const provider = await providerOf(streaming)
    const loud = send(signClientRequest(encryptedRequest(prompt, provider), alice))
    const still = send(signClientRequest(pTaggedRequest(prompt, await providerOf(quiet)), bob))
    const arrivals = new Map<string, number>()
    const partials = () =>
      repliesTo(loud.id).filter((e) => e.kind === 7000 && statusTag(e)?.[1] === 'partial')
    await until(() => {
      for (const p of partials()) if (!arrivals.has(p.id)) arrivals.set(p.id, Date.now())
      return statuses(loud.id).includes('success') && statuses(still.id).includes('success')
    }, 10_000)
    const times = partials().map((p) => arrivals.get(p.id) ?? 0)
    // About 4.8 s of generation: partials near 2 s and 4 s, never one per token.
    expect(times.length).toBeGreaterThanOrEqual(2)
    expect(times.length).toBeLessThanOrEqual(3)
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1500)
    const key = nip44.getConversationKey(alice, provider)
    const answer = nip44.decrypt((await resultOf(loud.id)).content, key)
    expect(answer).toBe(echoReply(prompt))
    for (const p of partials()) {
      expect(p.tags).toContainEqual(['encrypted'])
      const soFar = p.tags.find((t) => t[0] === 'content')?.[1] ?? ''
      expect(soFar.length).toBeGreaterThan(0)
      expect(answer.startsWith(soFar)).toBe(true)
    }
    expect(statuses(still.id)).toEqual(['processing', 'success'])
  })
})

describe('queue and limits', () => {
  it('with concurrency 1 a second customer is told "Queued: position 1", then served', async () => {
    await startOnline({ concurrency: 1 })
    ollama.setTokenDelayMs(20)
    const first = send(signClientRequest(plainRequest(words(15)), alice))
    await until(() => statuses(first.id).includes('processing'))
    const second = send(signClientRequest(plainRequest('me next'), bob))
    await until(() => statuses(second.id).includes('success'))
    expect(feedbackText(second.id, 'processing')).toEqual([
      'Queued: position 1',
      'Generating your answer',
    ])
    expect(generations().map((g) => promptOf(g.body))).toEqual([words(15), 'me next'])
  })

  it('answers "Busy" when the queue is full', async () => {
    const engine = await startOnline({ queueCapacity: 1 })
    ollama.setTokenDelayMs(20)
    const first = send(signClientRequest(plainRequest(words(15)), alice))
    await until(() => statuses(first.id).includes('processing'))
    const second = send(signClientRequest(plainRequest('no room'), bob))
    await until(() => statuses(second.id).includes('error'))
    expect(feedbackText(second.id, 'error')[0]).toMatch(/^Busy/)
    expect((await newestJobs(engine, 10)).map((j) => j.id)).toEqual([first.id])
  })

  it('rate limits one customer after N requests a minute, with an error, not others', async () => {
    await startOnline({ rateLimitPerMinute: 2 })
    const mine = [1, 2, 3].map((n) => send(signClientRequest(plainRequest(`q${n}`), alice)))
    const theirs = send(signClientRequest(plainRequest('other customer'), bob))
    await until(() =>
      mine.every((r) => statuses(r.id).some((s) => s === 'success' || s === 'error')),
    )
    await resultOf(theirs.id)
    const refused = mine.filter((r) => statuses(r.id).includes('error'))
    expect(refused).toHaveLength(1)
    expect(feedbackText(refused[0]!.id, 'error')[0]).toContain('at most 2 requests a minute')
  })

  it('sends nothing at all to a blocked customer', async () => {
    const engine = await startOnline({ blocklist: [getPublicKey(alice)] })
    const blocked = send(signClientRequest(plainRequest('let me in'), alice))
    const other = send(signClientRequest(plainRequest('hello'), bob))
    await resultOf(other.id)
    await engine.whenIdle()
    expect(repliesTo(blocked.id)).toEqual([])
    expect((await newestJobs(engine, 10)).map((j) => j.id)).toEqual([other.id])
    expect((await engine.snapshot()).counts.dropped).toBeGreaterThanOrEqual(1)
  })

  it('serves an allowlisted customer free while others are asked to pay', async () => {
    const nwc: FakeNwcWallet = await startNwcWallet({ relayUrl: relay.url })
    cleanups.push(() => nwc.stop())
    const engine = await startOnline(
      { pricePerJobSats: 5, allowlist: [getPublicKey(alice)] },
      nwc.uri,
    )
    const friend = send(signClientRequest(plainRequest('free for me'), alice))
    const stranger = send(signClientRequest(plainRequest('and me?'), bob))
    const result = await resultOf(friend.id)
    await until(() => statuses(stranger.id).includes('payment-required'))
    expect(result.tags.some((t) => t[0] === 'amount')).toBe(false)
    expect(statuses(friend.id)).not.toContain('payment-required')
    expect(nwc.invoices()).toHaveLength(1)
    const job = (await newestJobs(engine, 10)).find((j) => j.id === friend.id)
    expect(job?.priceMsats).toBe(0)
  })

  it('refuses a prompt over the size cap and drops an event over 64 KiB, saying why', async () => {
    const engine = await startOnline()
    const long = send(signClientRequest(plainRequest('x'.repeat(32_001)), alice))
    const huge = send(signClientRequest(plainRequest('y'.repeat(70 * 1024)), bob))
    await until(() => statuses(long.id).includes('error'))
    expect(feedbackText(long.id, 'error')[0]).toContain('the limit is 32000')
    await until(async () =>
      (await engine.recentLog()).some((l) => l.message.includes('larger than 64 KiB')),
    )
    expect(repliesTo(huge.id)).toEqual([])
    expect(generations()).toEqual([])
  })

  it('Go Offline finishes the running job before closing and takes no new one', async () => {
    const engine = await startOnline()
    ollama.setTokenDelayMs(30)
    const running = send(signClientRequest(plainRequest(words(15)), alice))
    await until(() => statuses(running.id).includes('processing'))
    const offline = engine.goOffline()
    await until(async () => (await engine.snapshot()).state === 'going-offline')
    const late = send(signClientRequest(plainRequest('too late'), bob))
    await until(async () =>
      (await engine.recentLog()).some((l) => l.message.includes('arrived while going offline')),
    )
    expect(await offline).toBe('offline')
    expect(statuses(running.id)).toEqual(['processing', 'success'])
    expect(repliesTo(running.id).filter((e) => e.kind === 6050)).toHaveLength(1)
    expect(repliesTo(late.id)).toEqual([])
    expect((await newestJobs(engine, 10)).map((j) => j.id)).toEqual([running.id])
  })
})
