/**
 * The engine against relays with the manners of public ones (`fixtures/strict-relay.ts`: AUTH
 * before REQ and EVENT, strfry's size limits, refusals on demand): jobs served through AUTH,
 * NWC through it too, results fitted to 64 KiB, a rate-limited relay served once and later, a
 * blocked one showing its words while the others serve, and bad relays that lose no job.
 */
import 'fake-indexeddb/auto'
import { afterEach, expect, it } from 'vitest'
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import { createRig } from '../../../fixtures/engine-rig.ts'
import { echoReply } from '../../../fixtures/fake-ollama-data.ts'
import { startFakeOllama, type FakeOllamaOptions } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { startStrictRelay, type StrictRelayOptions } from '../../../fixtures/strict-relay.ts'
import { until } from '../../../fixtures/until.ts'
import { maxTokensThatFit, sizeLimitsOf, STRFRY_LIMITS } from '../../shared/nip90/fit-size.ts'
import type { Settings } from '../../shared/settings.ts'
import type { Engine } from './engine.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const strict = async (o: StrictRelayOptions = {}) => {
  const relay = await startStrictRelay(o)
  cleanups.push(() => relay.stop())
  return relay
}

/** Online on these relays (the first one first), with room for long prompts and answers. */
const online = async (
  urls: string[],
  settings: Partial<Settings> = {},
  ollama: FakeOllamaOptions = {},
  nwcUri?: string,
): Promise<Engine> => {
  const fake = await startFakeOllama({ tokenDelayMs: 0, ...ollama })
  cleanups.push(() => fake.stop())
  const rig = createRig({ relayUrl: urls[0] as string, ollamaUrl: fake.url, cleanups })
  return rig.startOnline(
    { relays: urls, numCtx: 32_768, maxTokensCap: 32_768, ...settings },
    nwcUri ? { nwcUri } : {},
  )
}

const customer = generateSecretKey()
const request = (tags: string[][]): Event =>
  finalizeEvent(
    { kind: 5050, created_at: Math.floor(Date.now() / 1000), content: '', tags },
    customer,
  )
const bytes = (e: Event) => new TextEncoder().encode(JSON.stringify(e)).length
const statusOf = (relay: { events(): Event[] }, id: string) =>
  relay
    .events()
    .filter((e) => e.kind === 7000 && e.tags.some((t) => t[0] === 'e' && t[1] === id))
    .map((e) => e.tags.find((t) => t[0] === 'status')?.slice(1, 3) ?? [])

it('serves a job through an AUTH relay, and a 40 KB prompt gets a result the strict relay accepts', async () => {
  const relay = await strict({ auth: 'required' })
  const engine = await online([relay.url])
  await until(async () => (await engine.snapshot()).relays[0]?.auth === 'authenticated')
  // 20,000 two-byte characters: 40 KB, under the 32,000-character prompt cap.
  const req = request([['i', 'é'.repeat(20_000), 'text']])
  relay.injectEvent(req)
  const result = await relay.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  console.info(`result for a 40 KB prompt: ${bytes(result)} bytes, accepted`)
  expect(bytes(result)).toBeLessThanOrEqual(STRFRY_LIMITS.maxEventBytes)
  expect(result.content).toBe(echoReply('é'.repeat(20_000)))
  // The echo was shortened; the answer and the references were not.
  expect(new TextEncoder().encode(result.tags.find((t) => t[0] === 'i')?.[1]).length).toBeLessThan(
    1024,
  )
  expect(result.tags.find((t) => t[0] === 'request')).toBeUndefined()
  expect(result.tags.find((t) => t[0] === 'e')?.[1]).toBe(req.id)
  expect(result.tags.find((t) => t[0] === 'p')?.[1]).toBe(req.pubkey)
  expect(relay.refusals().filter((r) => r.startsWith('invalid'))).toEqual([])
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  expect((await engine.snapshot()).relays[0]).toMatchObject({ auth: 'authenticated' })
}, 40_000)

it('caps max_tokens so the longest answer still fits; an answer that cannot fit fails in words, kept in the history', async () => {
  // A relay whose NIP-11 says 16 KiB messages: the cap follows it (and the test stays quick).
  const relay = await strict({ auth: 'off', maxMessageLength: 16_384 })
  // ASCII words for "long", 20-byte words for "wide": the cap in tokens cannot hold those.
  const reply = (prompt: string) =>
    prompt === 'wide' ? ' éééééééééé'.repeat(20_000) : ' word'.repeat(40_000)
  const engine = await online([relay.url], { streamPartials: false }, { reply })
  const long = request([['i', 'long', 'text']])
  relay.injectEvent(long)
  const result = await relay.waitForEvent({ kinds: [6050], '#e': [long.id] }, 30_000)
  const limits = sizeLimitsOf([{ maxMessageLength: 16_384 }])
  const cap = maxTokensThatFit(limits, false)
  console.info(`longest answer under a 16 KiB NIP-11 limit: ${bytes(result)} bytes (${cap} tokens)`)
  expect(result.content).toBe(' word'.repeat(cap))
  expect(bytes(result)).toBeLessThanOrEqual(limits.maxEventBytes)

  const wide = request([['i', 'wide', 'text']])
  relay.injectEvent(wide)
  await until(async () => (await engine.getJob(wide.id))?.state === 'failed', 30_000)
  const job = await engine.getJob(wide.id)
  expect(job).toMatchObject({ state: 'failed', result: ' éééééééééé'.repeat(cap) })
  expect(job?.error).toMatch(/^the answer cannot be sent: the answer is [\d,]+ bytes/)
  await until(() => statusOf(relay, wide.id).some(([s]) => s === 'error'))
  expect(statusOf(relay, wide.id).find(([s]) => s === 'error')?.[1]).toMatch(
    /^Failed: the answer cannot be sent/,
  )
  expect(relay.events().filter((e) => e.kind === 6050)).toHaveLength(1)
  expect(relay.refusals()).toEqual([])
}, 60_000)

it('NWC through the AUTH relay: a paid job is invoiced, paid and delivered', async () => {
  const relay = await strict({ auth: 'required' })
  const nwc = await startNwcWallet({ relayUrl: relay.url })
  cleanups.push(() => nwc.stop())
  const engine = await online([relay.url], { pricePerJobSats: 5 }, {}, nwc.uri)
  const req = request([['i', 'paid through AUTH', 'text']])
  relay.injectEvent(req)
  await until(() => statusOf(relay, req.id).some(([s]) => s === 'payment-required'))
  const invoice = relay
    .events()
    .find((e) => e.kind === 7000 && e.tags.some((t) => t[0] === 'e' && t[1] === req.id))
    ?.tags.find((t) => t[0] === 'amount')?.[2]
  await nwc.pay(invoice as string)
  await relay.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  // The provider's key and the NWC connection's key each authenticated.
  expect(new Set(relay.authenticated()).size).toBeGreaterThanOrEqual(3)
  expect((await engine.snapshot()).wallet.state).toBe('ready')
}, 40_000)

it('a rate-limited relay gets the result once, later', async () => {
  const relay = await strict({ auth: 'required' })
  const engine = await online([relay.url])
  relay.rateLimitNext(2, 6050)
  const req = request([['i', 'slow down', 'text']])
  relay.injectEvent(req)
  await until(async () => (await engine.snapshot()).relays[0]?.rateLimitedUntil !== undefined)
  await relay.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  expect(relay.refusals().filter((r) => r.startsWith('rate-limited'))).toHaveLength(2)
  expect(relay.events().filter((e) => e.kind === 6050)).toHaveLength(1)
  expect((await engine.snapshot()).relays[0]?.rateLimitedUntil).toBeUndefined()
}, 40_000)

it('a blocked relay shows its reason in the relay list and the others keep serving', async () => {
  const good = await strict({ auth: 'off' })
  const bad = await strict({ auth: 'off' })
  bad.block('this relay does not take DVM results')
  const engine = await online([good.url, bad.url])
  const refusedThere: number[] = []
  for (const prompt of ['first', 'second']) {
    const req = request([['i', prompt, 'text']])
    good.injectEvent(req)
    bad.injectEvent(req)
    await good.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
    await until(async () => (await engine.getJob(req.id))?.state === 'completed')
    refusedThere.push(bad.refusals().length)
  }
  const listed = (await engine.snapshot()).relays.find((r) => r.url === bad.url)
  expect(listed).toMatchObject({
    state: 'connected',
    refused: 'blocked: this relay does not take DVM results',
  })
  // Its word was taken: after the announcements sent at once, nothing more went there.
  expect(bad.refusals().every((r) => r.startsWith('blocked:'))).toBe(true)
  expect(refusedThere[1]).toBe(refusedThere[0])
  expect(bad.events().filter((e) => e.kind === 6050)).toHaveLength(0)
}, 40_000)

it('a customer with no relays tag but a kind 10002 gets the result on their inbox relay', async () => {
  const ours = await strict({ auth: 'off' })
  const inbox = await strict({ auth: 'required' })
  const engine = await online([ours.url], { allowPrivateRelays: true })
  const list = finalizeEvent(
    {
      kind: 10002,
      created_at: Math.floor(Date.now() / 1000),
      content: '',
      tags: [
        ['r', inbox.url, 'read'],
        ['r', 'wss://write-only.invalid', 'write'],
      ],
    },
    customer,
  )
  ours.injectEvent(list)
  const req = request([['i', 'where do I read?', 'text']])
  ours.injectEvent(req)
  const there = await inbox.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  expect(there.content).toBe(echoReply('where do I read?'))
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  expect(inbox.authenticated()).toHaveLength(1)
}, 40_000)

it('bad relays (malformed NIP-11, an AUTH flood, AUTH never answered): clear states, no crash, no lost job', async () => {
  const flood = await strict({ auth: 'flood' })
  const silent = await strict({ auth: 'silent' })
  const broken = await strict({ auth: 'off', info: 'malformed' })
  const engine = await online([flood.url, silent.url, broken.url])
  const req = request([['i', 'still served', 'text']])
  for (const r of [flood, silent, broken]) r.injectEvent(req)
  await flood.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  await broken.waitForEvent({ kinds: [6050], '#e': [req.id] }, 20_000)
  await until(async () => (await engine.getJob(req.id))?.state === 'completed')
  await until(async () =>
    (await engine.snapshot()).relays.some((r) => r.url === silent.url && r.auth === 'failed'),
  )
  const relays = new Map((await engine.snapshot()).relays.map((r) => [r.url, r]))
  expect(relays.get(flood.url)).toMatchObject({ state: 'connected', auth: 'authenticated' })
  expect(flood.authAnswers()).toBe(1)
  expect(relays.get(silent.url)?.authProblem).toBe('the relay never answered our AUTH')
  expect(relays.get(broken.url)?.infoProblem).toBeTruthy()
  expect((await engine.recentLog()).filter((l) => l.level === 'error')).toEqual([])
}, 40_000)
