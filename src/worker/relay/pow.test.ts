import { describe, expect, it } from 'vitest'
import { getPow } from 'nostr-tools/nip13'
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure'
import { minePow } from './pow.ts'

const key = generateSecretKey()
const template = { kind: 7000, created_at: 1, content: '', tags: [['e', 'a'.repeat(64)]] }

describe('minePow', () => {
  it('finds a nonce with the difficulty asked, and the signed event keeps that id', async () => {
    const mined = await minePow(template, getPublicKey(key), 12, new AbortController().signal)
    expect(getPow(mined.id)).toBeGreaterThanOrEqual(12)
    expect(mined.tags.find((t) => t[0] === 'nonce')?.[2]).toBe('12')
    const { id, ...unsigned } = mined
    const signed = finalizeEvent(unsigned, key)
    expect(signed.id).toBe(id)
    expect(verifyEvent(signed)).toBe(true)
  })

  it('lets other work run while it mines, and stops when aborted', async () => {
    const abort = new AbortController()
    const mining = minePow(template, getPublicKey(key), 40, abort.signal)
    let ticks = 0
    await new Promise<void>((resolve) => {
      const tick = () => (++ticks >= 5 ? resolve() : setTimeout(tick, 0))
      setTimeout(tick, 0)
    })
    abort.abort(new Error('stop'))
    await expect(mining).rejects.toThrow('stop')
    expect(ticks).toBe(5)
  })
})
