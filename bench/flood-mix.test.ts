import { generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure'
import { describe, expect, it } from 'vitest'
import { FLOOD_MIX, makeFlood } from './flood-mix.ts'

describe('the flood mix', () => {
  it('has each kind in its share, from its own keys, and only the forged ones fail verification', async () => {
    const provider = getPublicKey(generateSecretKey())
    const { requests, freeKeys } = await makeFlood({ requests: 400, keys: 100, provider })
    const of = (kind: string) => requests.filter((r) => r.kind === kind)
    for (const [kind, share] of Object.entries(FLOOD_MIX)) {
      expect(of(kind).length).toBeGreaterThanOrEqual(Math.floor(share * 400) - 5)
      expect(of(kind).length).toBeLessThanOrEqual(Math.ceil(share * 400) + 5)
    }
    expect(new Set(requests.map((r) => r.event.pubkey)).size).toBe(100)
    const copy = <T>(e: T): T => JSON.parse(JSON.stringify(e)) as T
    expect(of('forged').every((r) => !verifyEvent(copy(r.event)))).toBe(true)
    expect(
      requests.filter((r) => r.kind !== 'forged').every((r) => verifyEvent(copy(r.event))),
    ).toBe(true)
    const p = (r: (typeof requests)[number]) => r.event.tags.find((t) => t[0] === 'p')?.[1]
    expect(of('other').every((r) => p(r) !== provider)).toBe(true)
    expect(requests.filter((r) => r.kind !== 'other').every((r) => p(r) === provider)).toBe(true)
    expect(new Set(of('free').map((r) => r.event.pubkey))).toEqual(new Set(freeKeys))
    // Spread through the flood, not in one block.
    const firstFree = requests.findIndex((r) => r.kind === 'free')
    expect(firstFree).toBeLessThan(200)
  }, 60_000)
})
