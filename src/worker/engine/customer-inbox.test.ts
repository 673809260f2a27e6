import { describe, expect, it } from 'vitest'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { createInbox, KIND_RELAY_LIST, readRelaysOf } from './customer-inbox.ts'

const list = (pubkey: string, tags: string[][]): NostrEvent => ({
  id: '1'.repeat(64),
  pubkey,
  created_at: 1,
  kind: KIND_RELAY_LIST,
  tags,
  content: '',
  sig: '0'.repeat(128),
})

describe('readRelaysOf', () => {
  it('keeps read and unmarked r tags, drops write-only ones, junk and repeats, at most 4', () => {
    const tags = [
      ['r', 'wss://both.example'],
      ['r', 'wss://write.example', 'write'],
      ['r', 'wss://read.example', 'read'],
      ['r', 'https://not-a-relay.example'],
      ['r', 'wss://both.example'],
      ['p', 'wss://wrong-tag.example'],
      ['r', 'wss://c.example'],
      ['r', 'wss://d.example'],
      ['r', 'wss://e.example'],
    ]
    expect(readRelaysOf(list('a', tags))).toEqual([
      'wss://both.example',
      'wss://read.example',
      'wss://c.example',
      'wss://d.example',
    ])
  })

  it('reads nothing from another kind', () => {
    expect(readRelaysOf({ kind: 3, tags: [['r', 'wss://x.example']] })).toEqual([])
  })
})

describe('createInbox', () => {
  const pk = 'a'.repeat(64)
  const rig = (answer: (pubkey: string) => NostrEvent | null) => {
    let now = 0
    const asked: string[] = []
    const inbox = createInbox({
      pool: () => ({
        get: async (filter) => {
          const author = filter.authors?.[0] ?? ''
          asked.push(author)
          return answer(author)
        },
      }),
      now: () => now,
      log: () => undefined,
      ttlMs: 1000,
      max: 2,
    })
    return { inbox, asked, later: (ms: number) => void (now += ms) }
  }
  const live = () => new AbortController().signal

  it('looks a customer up once within the TTL, again after it', async () => {
    const r = rig((p) => list(p, [['r', 'wss://inbox.example']]))
    expect(await r.inbox.readRelays(pk, live())).toEqual(['wss://inbox.example'])
    expect(await r.inbox.readRelays(pk, live())).toEqual(['wss://inbox.example'])
    expect(r.asked).toHaveLength(1)
    r.later(1001)
    await r.inbox.readRelays(pk, live())
    expect(r.asked).toHaveLength(2)
  })

  it('remembers at most `max` customers, forgetting the oldest', async () => {
    const r = rig(() => null)
    for (const p of ['1', '2', '3', '1']) await r.inbox.readRelays(p.repeat(64), live())
    expect(r.asked).toEqual(['1', '2', '3', '1'].map((p) => p.repeat(64)))
  })

  it('ignores a list signed by someone else, and a failed lookup is an empty list', async () => {
    expect(
      await rig(() => list('b'.repeat(64), [['r', 'wss://x.example']])).inbox.readRelays(
        pk,
        live(),
      ),
    ).toEqual([])
    const failing = createInbox({
      pool: () => ({ get: () => Promise.reject(new Error('socket closed')) }),
      now: () => 0,
      log: () => undefined,
    })
    expect(await failing.readRelays(pk, live())).toEqual([])
  })

  it('a lookup cut short by its job is not kept', async () => {
    const r = rig(() => null)
    const stop = new AbortController()
    stop.abort()
    await r.inbox.readRelays(pk, stop.signal)
    await Promise.resolve()
    await r.inbox.readRelays(pk, live())
    expect(r.asked).toHaveLength(2)
  })
})
