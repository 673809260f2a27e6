/**
 * A paid job is never dropped: capacity gates invoicing, not paid work. Jobs awaiting payment
 * hold their place in the queue, and a job whose payment settles runs even if the queue filled
 * up meanwhile (here: the owner lowered the queue's capacity while the invoice was out).
 */
import { describe, expect, it } from 'vitest'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import { startNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { signedRequest, useEngineRig, until } from '../../../fixtures/engine-rig.ts'
import { toForm } from '../../shared/settings.ts'

const rig = useEngineRig()
const payer = generateSecretKey()
// A customer served free (allowlisted), whose long job keeps the queue busy.
const friend = generateSecretKey()

const request = (key: Uint8Array, prompt: string) => signedRequest(key, [['i', prompt, 'text']])
const replies = (id: string, kind: number) =>
  rig.relay
    .events()
    .filter((e) => e.kind === kind && e.tags.some((t) => t[0] === 'e' && t[1] === id))
const statuses = (id: string) =>
  replies(id, 7000).map((e) => e.tags.find((t) => t[0] === 'status')?.slice(1, 3))
const invoiceOf = async (id: string) => {
  await until(() => statuses(id).some((s) => s?.[0] === 'payment-required'))
  const amount = replies(id, 7000)
    .flatMap((e) => e.tags)
    .find((t) => t[0] === 'amount')
  return amount?.[2] as string
}
const LONG = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ')

const startPaid = async (queueCapacity: number) => {
  const nwc = await startNwcWallet({ relayUrl: rig.relay.url })
  rig.cleanups.push(() => nwc.stop())
  const engine = await rig.startOnline(
    {
      pricePerJobSats: 5,
      queueCapacity,
      concurrency: 1,
      allowlist: [getPublicKey(friend)],
    },
    { nwcUri: nwc.uri },
  )
  return { engine, nwc }
}

describe('paid jobs and the queue', () => {
  it('counts a job awaiting payment against the capacity', async () => {
    const { engine } = await startPaid(1)
    const paid = request(payer, 'paid, not yet paid for')
    rig.relay.injectEvent(paid)
    await invoiceOf(paid.id)
    const free = request(friend, 'free, but there is no room')
    rig.relay.injectEvent(free)
    // Refused, or (before capacity counted unpaid jobs) served: either way the answer is in.
    await until(() => statuses(free.id).some((s) => s?.[0] === 'error' || s?.[0] === 'success'))
    expect(statuses(free.id)).toEqual([['error', 'Busy: the queue is full, try again in a minute']])
    expect(replies(free.id, 6050)).toHaveLength(0)
    expect((await engine.getJob(free.id))?.state).toBeUndefined()
  })

  it('runs a job whose payment settles while the queue is full, and delivers it once', async () => {
    const { engine, nwc } = await startPaid(2)
    const paid = request(payer, 'paid for while the queue is full')
    rig.relay.injectEvent(paid)
    const bolt11 = await invoiceOf(paid.id)
    const busy = request(friend, LONG)
    rig.relay.injectEvent(busy)
    await until(() => statuses(busy.id).some((s) => s?.[0] === 'processing'))
    // The owner lowers the capacity while the invoice is out: the queue is now full.
    const settings = (await engine.snapshot()).settings
    expect((await engine.saveSettings({ ...toForm(settings), queueCapacity: '1' })).ok).toBe(true)
    await nwc.pay(bolt11)

    await until(() => statuses(paid.id).some((s) => s?.[0] === 'success'), 15_000)
    expect(replies(paid.id, 6050)).toHaveLength(1)
    expect(replies(busy.id, 6050)).toHaveLength(1)
    expect((await engine.getJob(paid.id))?.state).toBe('completed')
    expect((await engine.snapshot()).counts.satsEarned).toBe(5)
  }, 30_000)
})
