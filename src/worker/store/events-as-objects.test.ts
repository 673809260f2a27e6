import 'fake-indexeddb/auto'
import { openDB } from 'idb'
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure'
import { describe, expect, it } from 'vitest'
import { buildResult } from '../../shared/nip90/reply.ts'
import type { NostrEvent } from '../../shared/nip90/types.ts'
import { openDatabase } from './db.ts'
import { createJobStore } from './job-store.ts'

const customerKey = generateSecretKey()
const providerKey = generateSecretKey()
const customer = getPublicKey(customerKey)
const T0 = Date.UTC(2026, 0, 1)

const requestEvent = (prompt: string, at: number): NostrEvent =>
  finalizeEvent(
    {
      kind: 5050,
      created_at: Math.floor(at / 1000),
      tags: [
        ['i', prompt, 'text'],
        ['param', 'max_tokens', '64'],
        ['relays', 'wss://relay.example.com'],
      ],
      content: '',
    },
    customerKey,
  )

const resultEvent = (request: NostrEvent, text: string): NostrEvent =>
  finalizeEvent(
    buildResult(
      {
        id: request.id,
        customer,
        encryption: null,
        inputTags: request.tags.filter((t) => t[0] === 'i'),
        event: request,
      },
      {
        content: text,
        model: 'llama3.2:1b',
        usage: { promptTokens: 3, completionTokens: 5 },
        now: request.created_at + 2,
      },
    ),
    providerKey,
  )

/** An event as IndexedDB keeps it: nostr-tools' Symbol(verified) is not cloned. */
const plain = (e: NostrEvent): NostrEvent => JSON.parse(JSON.stringify(e)) as NostrEvent

/** A job row exactly as version 2 wrote it: both events as JSON text. */
const v2Row = (request: NostrEvent, state: string, result?: NostrEvent) => {
  const at = request.created_at * 1000
  return {
    id: request.id,
    customer,
    requestedAt: request.created_at,
    receivedAt: at,
    state,
    timeline: [{ state: 'queued', at }, ...(state === 'queued' ? [] : [{ state, at: at + 1000 }])],
    request: JSON.stringify(request),
    prompt: request.tags[0]![1]!,
    priceMsats: 0,
    replyRelays: ['wss://relay.example.com'],
    params: { maxTokens: 64 },
    inputs: [{ type: 'text', text: request.tags[0]![1]! }],
    ...(result
      ? {
          resultEvent: JSON.stringify(result),
          result: result.content,
          model: 'llama3.2:1b',
          usage: { promptTokens: 3, completionTokens: 5 },
        }
      : {}),
  }
}

/** A database at version 2, made by version 1's and version 2's own steps. */
const v2Database = async (name: string, rows: object[]) => {
  const v2 = await openDB(name, 2, {
    upgrade(db, oldVersion, _new, tx) {
      if (oldVersion < 1) {
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' })
        jobs.createIndex('receivedAt', 'receivedAt')
        jobs.createIndex('state', 'state')
        db.createObjectStore('kv')
      }
      const jobs = tx.objectStore('jobs')
      jobs.createIndex('state-time', ['state', 'receivedAt'])
      jobs.createIndex('customer-time', ['customer', 'receivedAt'])
      jobs.createIndex('model-time', ['model', 'receivedAt'])
      jobs.createIndex('paid', ['paidAt', 'paidMsats'])
    },
  })
  for (const row of rows) await v2.put('jobs', row)
  await v2.put('kv', { pricePerJobSats: 5 }, 'settings')
  v2.close()
}

describe('the version 3 migration', () => {
  it('turns the JSON text of request and result events of a version 2 database into objects', async () => {
    const name = `migrate-v3-${Math.random()}`
    const completedRequest = requestEvent('write a haiku', T0)
    const result = resultEvent(completedRequest, 'relays hum softly')
    const queuedRequest = requestEvent('and another', T0 + 60_000)
    const completed = v2Row(completedRequest, 'completed', result)
    const queued = v2Row(queuedRequest, 'queued')
    await v2Database(name, [completed, queued])

    const migrated = { ...completed, request: plain(completedRequest), resultEvent: plain(result) }
    const db = await openDatabase(name)
    expect(db.version).toBe(3)
    const stored = await db.get('jobs', completedRequest.id)
    // Every other field exactly as it was; the events as the objects they stand for.
    expect(stored).toEqual(migrated)
    expect(typeof stored?.request).toBe('object')
    expect(verifyEvent(stored!.request)).toBe(true)
    expect(verifyEvent(stored!.resultEvent!)).toBe(true)
    const waiting = await db.get('jobs', queuedRequest.id)
    expect(waiting).toEqual({ ...queued, request: plain(queuedRequest) })
    expect(waiting).not.toHaveProperty('resultEvent')
    // Indexes and other stores survive.
    expect(await db.countFromIndex('jobs', 'state', 'completed')).toBe(1)
    expect(await db.get('kv', 'settings')).toEqual({ pricePerJobSats: 5 })
    expect((await createJobStore(db).unfinished()).map((j) => j.request)).toEqual([
      plain(queuedRequest),
    ])
    db.close()

    // Opening again changes nothing.
    const again = await openDatabase(name)
    expect(await again.get('jobs', completedRequest.id)).toEqual(migrated)
    again.close()
  })

  it('keeps a job whose events cannot be read aside, whole, instead of failing the upgrade', async () => {
    const name = `migrate-v3-damaged-${Math.random()}`
    const good = v2Row(requestEvent('fine', T0), 'completed')
    const badRequest = { ...v2Row(requestEvent('cut short', T0 + 1000), 'queued') }
    badRequest.request = badRequest.request.slice(0, 40)
    const running = requestEvent('half delivered', T0 + 2000)
    const badResult = {
      ...v2Row(running, 'running', resultEvent(running, 'x')),
      resultEvent: '[1]',
    }
    await v2Database(name, [good, badRequest, badResult])

    const db = await openDatabase(name)
    expect((await db.getAll('jobs')).map((j) => j.id)).toEqual([good.id])
    expect(await db.get('unreadable', badRequest.id)).toEqual({
      record: badRequest,
      reason: 'its request event is not a JSON object, so version 3 could not keep it',
    })
    expect(await db.get('unreadable', badResult.id)).toEqual({
      record: badResult,
      reason: 'its result event is not a JSON object, so version 3 could not keep it',
    })
    db.close()
  })
})
