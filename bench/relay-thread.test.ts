import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startRelayThread, type RelayThread } from './relay-thread.ts'

/** One client: send frames, collect the OKs by event id. */
const client = async (url: string) => {
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const oks = new Map<string, (ok: [boolean, string]) => void>()
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as unknown[]
    if (m[0] === 'OK') oks.get(m[1] as string)?.([m[2] as boolean, m[3] as string])
  })
  return {
    raw: (frame: unknown[]) => ws.send(JSON.stringify(frame)),
    publish: (event: { id: string }) =>
      new Promise<[boolean, string]>((resolve) => {
        oks.set(event.id, resolve)
        ws.send(JSON.stringify(['EVENT', event]))
      }),
    close: () => ws.close(),
  }
}

const sk = generateSecretKey()
const signed = (content: string) =>
  finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content }, sk)
const forged = () => ({ ...signed('forged'), sig: signed('other').sig })

describe.each(['wasm', 'js'] as const)('the bench relay verifying with %s', (verify) => {
  let relay: RelayThread
  beforeAll(async () => {
    relay = await startRelayThread(verify)
  })
  afterAll(() => relay.stop())

  it('takes a good event and refuses a forged one', async () => {
    const c = await client(relay.url)
    expect(await c.publish(signed('good'))).toEqual([true, ''])
    const [ok, reason] = await c.publish(forged())
    expect(ok).toBe(false)
    expect(reason).toMatch(/^invalid: bad id or signature/)
    c.close()
  })

  it('passes a forged event on only from a connection that asked to be unverified', async () => {
    const hostile = await client(relay.url)
    hostile.raw(['BENCH-UNVERIFIED'])
    expect((await hostile.publish(forged()))[0]).toBe(true)
    const honest = await client(relay.url)
    expect((await honest.publish(forged()))[0]).toBe(false)
    hostile.close()
    honest.close()
  })
})
