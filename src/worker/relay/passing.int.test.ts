/**
 * What the pool verifies and what it does not: a copy of an event already had is dropped
 * before it is parsed or verified; a request addressed to another provider is never verified,
 * only handed to the watch; everything else is verified before anyone sees it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import { startRelay } from '../../../fixtures/relay.ts'
import { until } from '../../../fixtures/until.ts'
import { addressedElsewhere } from '../../shared/nip90/addressed.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { createRelayPool } from './relay-pool.ts'

const me = getPublicKey(generateSecretKey())
const someoneElse = getPublicKey(generateSecretKey())
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const request = (tags: string[][], content = '') =>
  finalizeEvent(
    { kind: 5050, created_at: Math.floor(Date.now() / 1000), tags, content },
    generateSecretKey(),
  ) as NostrEvent

/** The same request with the signature of another event: a relay that does not check. */
const forge = (event: NostrEvent): NostrEvent => ({
  ...event,
  sig: request(event.tags, 'another').sig,
})

const start = async (relays = 1) => {
  const all = await Promise.all(Array.from({ length: relays }, () => startRelay()))
  for (const r of all) cleanups.push(() => r.stop())
  const relay = all[0] as (typeof all)[number]
  const events: NostrEvent[] = []
  const passing: NostrEvent[] = []
  const drops: string[] = []
  const pool = createRelayPool({
    urls: all.map((r) => r.url),
    filters: [{ kinds: [5050] }],
    onEvent: (e) => events.push(e),
    passes: (e) => e.kind === 5050 && addressedElsewhere(e, me),
    watch: {
      filters: [{ kinds: [6050] }],
      onEvent: () => undefined,
      onPassing: (e) => passing.push(e),
    },
    onStatus: () => undefined,
    onDrop: (reason) => drops.push(reason),
    log: () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    random: () => 0,
  })
  cleanups.push(() => pool.close())
  await until(() => all.every((r) => r.subscriptions().length >= 2))
  return { relay, other: all[1], events, passing, drops }
}

describe('what the provider verifies', () => {
  it('a request for another provider reaches only the watch, unverified, even forged', async () => {
    const { relay, events, passing, drops } = await start()
    const theirs = request([['p', someoneElse]])
    const forgedTheirs = forge(request([['p', someoneElse]]))
    const encrypted = request([['encrypted'], ['p', someoneElse]])
    const ours = request([
      ['p', someoneElse],
      ['p', me],
    ])
    for (const e of [theirs, forgedTheirs, encrypted, ours]) relay.injectEvent(e)
    await until(() => events.length === 1 && passing.length === 3)
    expect(events.map((e) => e.id)).toEqual([ours.id])
    expect(passing.map((e) => e.id)).toEqual([theirs.id, forgedTheirs.id, encrypted.id])
    expect(drops).toEqual([])
  })

  it('a forged request for us, or for nobody in particular, is dropped as forged', async () => {
    const { relay, events, passing, drops } = await start()
    relay.injectEvent(forge(request([['p', me]])))
    relay.injectEvent(forge(request([])))
    const sentinel = request([['p', me]])
    relay.injectEvent(sentinel)
    await until(() => events.length === 1)
    expect(events[0]?.id).toBe(sentinel.id)
    expect(drops).toEqual(['bad id or signature', 'bad id or signature'])
    expect(passing).toEqual([])
  })

  it('a copy is dropped unverified; a forgery sent first does not hide the real event', async () => {
    // Two relays, since a relay keeps one event per id: the forgery on one, the real one on both.
    const { relay, other, events, drops } = await start(2)
    const real = request([['p', me]])
    relay.injectEvent(forge(real))
    await until(() => drops.length === 1)
    other?.injectEvent(real)
    await until(() => events.length === 1)
    relay.injectEvent({ ...request([]), id: real.id })
    const sentinel = request([])
    relay.injectEvent(sentinel)
    other?.injectEvent(sentinel)
    await until(() => events.some((e) => e.id === sentinel.id))
    expect(events.map((e) => e.id)).toEqual([real.id, sentinel.id])
    // The forgery before the real event was verified and refused; the copies after it never were.
    expect(drops).toEqual(['bad id or signature'])
  })
})
