import { describe, expect, it } from 'vitest'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { readTestReply } from './test-reply.ts'

const PROVIDER = 'a'.repeat(64)
const REQUEST = 'b'.repeat(64)

const event = (kind: number, tags: string[][], content = '', pubkey = PROVIDER): NostrEvent => ({
  id: 'c'.repeat(64),
  pubkey,
  created_at: 1,
  kind,
  tags: [['e', REQUEST], ...tags],
  content,
  sig: 'd'.repeat(128),
})

describe('readTestReply', () => {
  it('reads a result, an error, a price and progress from the provider', () => {
    expect(readTestReply(event(6050, [], 'Hello'), REQUEST, PROVIDER)).toEqual({
      kind: 'result',
      text: 'Hello',
    })
    expect(
      readTestReply(
        event(7000, [['status', 'error', 'Busy: the queue is full']]),
        REQUEST,
        PROVIDER,
      ),
    ).toEqual({ kind: 'error', text: 'Busy: the queue is full' })
    expect(
      readTestReply(
        event(7000, [
          ['status', 'payment-required'],
          ['amount', '21000', 'lnbc...'],
        ]),
        REQUEST,
        PROVIDER,
      ),
    ).toEqual({ kind: 'payment-required', msats: 21000 })
    expect(readTestReply(event(7000, [['status', 'processing']]), REQUEST, PROVIDER)).toEqual({
      kind: 'working',
    })
  })

  it('ignores replies from someone else or to another request', () => {
    expect(readTestReply(event(6050, [], 'x', 'e'.repeat(64)), REQUEST, PROVIDER)).toBeNull()
    expect(readTestReply(event(6050, [], 'x'), 'f'.repeat(64), PROVIDER)).toBeNull()
    expect(readTestReply(event(1, [], 'x'), REQUEST, PROVIDER)).toBeNull()
  })
})
