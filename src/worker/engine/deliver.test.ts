import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { deliver, type DeliverDeps } from './deliver.ts'
import type { JobOutcome } from './finish.ts'

const OURS = 'wss://ours.example'
const THEIRS = 'wss://theirs.example'
const INBOX = 'wss://inbox.example'

const job = (over: Partial<JobRecord> = {}): JobRecord =>
  ({
    id: 'a'.repeat(64),
    customer: 'c'.repeat(64),
    state: 'running',
    replyRelays: [],
    resultEvent: { id: 'r'.repeat(64), kind: 6050 } as NostrEvent,
    ...over,
  }) as JobRecord

/** Deliver with relays that ack per try: `acks[n]` is what took the n-th send. */
const run = async (j: JobRecord, acks: string[][], inbox: string[] = []) => {
  const sent: string[][] = []
  const ends: JobOutcome[] = []
  const d: DeliverDeps = {
    send: async (_event, relays) => {
      sent.push(relays)
      const took = acks[sent.length - 1] ?? []
      return {
        ours: took.filter((u) => u === OURS),
        theirs: Promise.resolve(took.filter((u) => u !== OURS)),
      }
    },
    finish: async (done, outcome) => (ends.push(outcome), done),
    log: () => undefined,
    connected: () => true,
    inbox: { readRelays: async () => inbox },
    ourRelays: () => [OURS],
    // The address policy: anything on .lan is private.
    followable: (urls) => urls.filter((u) => !u.endsWith('.lan')),
  }
  await deliver(d, j)
  return { sent, ends }
}

describe('deliver: a paid result counts once a relay the customer reads took it', () => {
  it('paid, with a relays tag: our ack is not enough; their relay taking it is', async () => {
    const { sent, ends } = await run(job({ paidMsats: 1000, replyRelays: [THEIRS] }), [
      [OURS],
      [OURS, THEIRS],
    ])
    expect(sent).toEqual([[THEIRS], [THEIRS]])
    expect(ends).toEqual([{ kind: 'completed' }])
  })

  it('free: any relay taking it is enough', async () => {
    const { sent, ends } = await run(job({ replyRelays: [THEIRS] }), [[OURS]])
    expect(sent).toHaveLength(1)
    expect(ends).toEqual([{ kind: 'completed' }])
  })

  it('no relays tag: the result also goes to their NIP-65 read relays, and counts there', async () => {
    const { sent, ends } = await run(job({ paidMsats: 1000 }), [[OURS], [INBOX]], [INBOX])
    expect(sent).toEqual([[INBOX], [INBOX]])
    expect(ends).toEqual([{ kind: 'completed' }])
  })

  it('no relays tag and no relay list: ours are where they read', async () => {
    const { sent, ends } = await run(job({ paidMsats: 1000 }), [[OURS]])
    expect(sent).toEqual([[]])
    expect(ends).toEqual([{ kind: 'completed' }])
  })

  it('their only relays may not be followed (private): ours count instead', async () => {
    const { ends } = await run(job({ paidMsats: 1000, replyRelays: ['ws://printer.lan'] }), [
      [OURS],
    ])
    expect(ends).toEqual([{ kind: 'completed' }])
  })
})
