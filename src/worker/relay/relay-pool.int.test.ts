/**
 * The relay pool against the strict relay fixture in Node: NIP-42 AUTH, each refusal prefix,
 * NIP-11 limits, and the reused pool of customer connections.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { getPow } from 'nostr-tools/nip13'
import { startStrictRelay, type StrictRelayOptions } from '../../../fixtures/strict-relay.ts'
import type { RelayStatus } from '../../shared/worker-api.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { relayKeys } from './relay-keys.ts'
import { createRelayPool, type RelayPool } from './relay-pool.ts'
import { until } from '../../../fixtures/until.ts'

const key = generateSecretKey()
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const note = (content: string, kind = 1): NostrEvent =>
  finalizeEvent(
    { kind, created_at: Math.floor(Date.now() / 1000), tags: [], content },
    key,
  ) as NostrEvent

const strict = async (o: StrictRelayOptions = {}) => {
  const relay = await startStrictRelay(o)
  cleanups.push(() => relay.stop())
  return relay
}

const pool = (
  urls: string[],
  o: { maxPowBits?: number; allowPrivate?: boolean; onEvent?: (e: Event) => void } = {},
) => {
  let statuses: RelayStatus[] = []
  const logs: string[] = []
  const p: RelayPool = createRelayPool({
    urls,
    filters: [{ kinds: [5050] }],
    onEvent: (e) => o.onEvent?.(e),
    onStatus: (s) => (statuses = s),
    onDrop: () => undefined,
    log: (_level, message) => logs.push(message),
    ...relayKeys(
      () => key,
      () => ({ maxPowBits: o.maxPowBits ?? 16, allowPrivateRelays: o.allowPrivate ?? false }),
    ),
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    random: () => 0,
  })
  cleanups.push(() => p.close())
  return { pool: p, status: () => statuses[0] as RelayStatus, logs }
}

describe('NIP-42 AUTH', () => {
  it('answers the challenge with the provider key, then subscribes and publishes', async () => {
    const relay = await strict({ auth: 'required' })
    const seen: Event[] = []
    const { pool: p, status } = pool([relay.url], { onEvent: (e) => seen.push(e) })
    await until(() => status()?.auth === 'authenticated')
    expect(relay.authenticated()).toEqual([getPublicKey(key)])
    const request = finalizeEvent(
      { kind: 5050, created_at: Math.floor(Date.now() / 1000), tags: [], content: 'hi' },
      generateSecretKey(),
    )
    relay.injectEvent(request)
    await until(() => seen.some((e) => e.id === request.id))
    const published = await p.publish(note('after auth'))
    expect(published.acked).toEqual([relay.url])
    expect(relay.connectionCount()).toBe(1)
  })

  it('a relay that never answers AUTH: "failed" in words, no reconnect loop, no crash', async () => {
    const relay = await strict({ auth: 'silent' })
    const { pool: p, status } = pool([relay.url])
    await until(() => status()?.auth === 'failed', 12_000)
    expect(status().authProblem).toBe('the relay never answered our AUTH')
    await until(() => (status().reason ?? '').includes('subscription refused'), 12_000)
    expect(status().state).toBe('connected')
    const out = await p.publish(note('nobody listens'), { patient: false })
    expect(out.acked).toEqual([])
    expect(out.errors.join()).toContain('auth-required')
    expect(status().attempts).toBe(0)
    expect(relay.connectionCount()).toBe(1)
  }, 20_000)

  it('a flood of 200 challenges costs one AUTH answer', async () => {
    const relay = await strict({ auth: 'flood' })
    const { pool: p, status } = pool([relay.url])
    await until(() => status()?.auth === 'authenticated')
    expect((await p.publish(note('flooded'))).acked).toHaveLength(1)
    expect(relay.authAnswers()).toBe(1)
  })
})

describe('refusals on their own terms', () => {
  it('rate-limited: pauses that relay, then delivers the event once, later', async () => {
    const relay = await strict()
    const { pool: p, status } = pool([relay.url])
    await until(() => status()?.auth === 'authenticated')
    relay.rateLimitNext(2)
    const event = note('eventually')
    const sent = p.publish(event)
    await until(() => status().rateLimitedUntil !== undefined)
    expect((await sent).acked).toEqual([relay.url])
    expect(relay.events().filter((e) => e.id === event.id)).toHaveLength(1)
    expect(relay.refusals().filter((r) => r.startsWith('rate-limited'))).toHaveLength(2)
    expect(status().rateLimitedUntil).toBeUndefined()
  })

  it('a partial is skipped, not queued, while its relay is paused', async () => {
    const relay = await strict()
    const { pool: p, status } = pool([relay.url])
    await until(() => status()?.auth === 'authenticated')
    relay.rateLimitNext(1)
    await p.publish(note('first'), { patient: false })
    const out = await p.publish(note('partial'), { patient: false })
    expect(out.errors.join()).toContain('rate-limited')
    expect(relay.events()).toHaveLength(0)
  })

  it('blocked: shows the relay words and sends nothing more there', async () => {
    const relay = await strict()
    const { pool: p, status } = pool([relay.url])
    await until(() => status()?.auth === 'authenticated')
    relay.block('you are banned from posting here')
    const first = await p.publish(note('one'))
    expect(first.errors.join()).toContain('blocked: you are banned from posting here')
    await until(() => status().refused === 'blocked: you are banned from posting here')
    const before = relay.refusals().length
    await p.publish(note('two'))
    expect(relay.refusals().length).toBe(before)
  })

  it('invalid (too large, as strfry): logged and never retried', async () => {
    const relay = await strict()
    const { pool: p, status, logs } = pool([relay.url])
    await until(() => status()?.auth === 'authenticated')
    const out = await p.publish(note('x'.repeat(70_000)))
    expect(out.errors.join()).toContain('invalid: event too large')
    expect(relay.refusals().filter((r) => r.startsWith('invalid'))).toHaveLength(1)
    expect(logs.join('\n')).toContain('invalid: event too large')
  })

  it('pow: mines the difficulty asked, within the setting, or says why not', async () => {
    const relay = await strict({ powBits: 10 })
    const { pool: p, status } = pool([relay.url], { maxPowBits: 12 })
    await until(() => status()?.auth === 'authenticated')
    const out = await p.publish(note('work for it', 7000))
    expect(out.acked).toEqual([relay.url])
    const stored = relay.events()[0] as Event
    expect(getPow(stored.id)).toBeGreaterThanOrEqual(10)
    expect(stored.tags.find((t) => t[0] === 'nonce')?.[2]).toBe('10')

    const greedy = await strict({ powBits: 20 })
    const low = pool([greedy.url], { maxPowBits: 8 })
    await until(() => low.status()?.auth === 'authenticated')
    const refused = await low.pool.publish(note('too much work'))
    expect(refused.errors.join()).toContain('this provider mines up to 8 (Settings)')
  })
})

describe('NIP-11', () => {
  it('keeps the limitation and shows it; a malformed document is a problem in words', async () => {
    const good = await strict()
    const bad = await strict({ info: 'malformed' })
    const a = pool([good.url])
    const b = pool([bad.url])
    await until(() => a.status()?.limits !== undefined && b.status()?.infoProblem !== undefined)
    expect(a.status().limits).toMatchObject({ maxMessageLength: 131_072, authRequired: true })
    expect(b.status().infoProblem).toBe('its NIP-11 document is not JSON')
    await until(() => b.status()?.auth === 'authenticated')
    expect((await b.pool.publish(note('still served'))).acked).toEqual([bad.url])
  })
})

describe("customers' relays", () => {
  const listener = async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    let connections = 0
    server.on('connection', () => connections++)
    await new Promise((r) => server.once('listening', r))
    cleanups.push(() => {
      for (const s of server.clients) s.terminate()
      server.close()
    })
    return {
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
      count: () => connections,
    }
  }

  it('a loopback relay named by a customer gets no connection by default', async () => {
    const ours = await strict({ auth: 'off' })
    const trap = await listener()
    const { pool: p, logs } = pool([ours.url])
    const out = await p.publishElsewhere(note('to the trap'), [trap.url])
    const got = await p.get(
      { ids: ['a'.repeat(64)] },
      [trap.url, 'wss://192.168.1.20'],
      500,
      new AbortController().signal,
    )
    expect(out).toEqual({ acked: [], errors: [] })
    expect(got).toBeNull()
    expect(trap.count()).toBe(0)
    expect(p.customerConnections()).toBe(0)
    expect(logs.join('\n')).toContain(`${trap.url} not followed: not encrypted (ws://)`)
    expect(logs.join('\n')).toContain('wss://192.168.1.20 not followed: a private address')
  })

  it('one connection per customer relay, reused for every event (partials included)', async () => {
    const ours = await strict({ auth: 'off' })
    const theirs = await strict()
    const { pool: p } = pool([ours.url], { allowPrivate: true })
    for (let i = 0; i < 10; i++) {
      const out = await p.publishElsewhere(note(`partial ${i}`, 7000), [theirs.url])
      expect(out.acked).toEqual([theirs.url])
    }
    expect(theirs.events()).toHaveLength(10)
    expect(p.customerConnections()).toBe(1)
    expect(theirs.connectionCount()).toBe(1)
  })
})
