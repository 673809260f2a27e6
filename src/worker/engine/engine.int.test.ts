/**
 * The engine in Node against a real local relay and a fake Ollama over HTTP: the same code
 * the worker runs, with fake-indexeddb standing in for the browser's database.
 */
import { describe, expect, it } from 'vitest'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { echoReply } from '../../../fixtures/fake-ollama.ts'
import { signedRequest, until, useEngineRig } from '../../../fixtures/engine-rig.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'

const rig = useEngineRig()
const customerKey = generateSecretKey()
const customer = getPublicKey(customerKey)

const request = (prompt: string, extraTags: string[][] = []): Event =>
  signedRequest(customerKey, [['i', prompt, 'text'], ...extraTags])

const repliesTo = (id: string) =>
  rig.relay.events().filter((e) => e.tags.some((t) => t[0] === 'e' && t[1] === id))
const statuses = (id: string) =>
  repliesTo(id)
    .filter((e) => e.kind === 7000)
    .map((e) => e.tags.find((t) => t[0] === 'status')?.[1])

describe('engine against a local relay and a fake Ollama', () => {
  it('serves a free job: processing, result, success, and a completed record', async () => {
    const engine = await rig.startEngine()
    const online = await engine.goOnline()
    expect(online).toEqual({ ok: true, value: 'online' })
    await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')

    const req = request('What is Nostr?')
    rig.relay.injectEvent(req)
    const result = await rig.relay.waitForEvent({ kinds: [6050], '#e': [req.id] })
    expect(result.content).toBe(echoReply('What is Nostr?'))
    expect(result.tags).toContainEqual(['p', customer])
    expect(result.tags).toContainEqual(['i', 'What is Nostr?', 'text'])
    expect(result.tags.find((t) => t[0] === 'request')?.[1]).toBe(JSON.stringify(req))
    expect(result.tags.find((t) => t[0] === 'model')?.[1]).toBeTruthy()
    expect(result.tags.find((t) => t[0] === 'usage')?.length).toBe(3)
    await until(() => statuses(req.id).includes('success'))
    expect(statuses(req.id)).toEqual(['processing', 'success'])

    const [job] = await newestJobs(engine, 10)
    expect(job?.state).toBe('completed')
    expect(job?.timeline.map((t) => t.state)).toEqual(['queued', 'running', 'completed'])
    expect(job?.usage?.completionTokens).toBeGreaterThan(0)
    expect((await engine.snapshot()).counts.served).toBe(1)
  })

  it('fails a job whose generation dies mid-stream, with an error feedback saying so', async () => {
    const engine = await rig.startEngine()
    rig.ollama.setFailMidStream(2)
    await engine.goOnline()
    const req = request('a long answer please')
    rig.relay.injectEvent(req)
    await until(() => statuses(req.id).includes('error')).catch(async (e) => {
      console.log(
        (await engine.recentLog()).map((l) => l.message),
        rig.relay.events().map((e) => [e.kind, e.tags]),
        rig.ollama.requests(),
      )
      throw e
    })
    const error = repliesTo(req.id).find((e) =>
      e.tags.some((t) => t[0] === 'status' && t[1] === 'error'),
    )
    expect(error?.tags.find((t) => t[0] === 'status')?.[2]).toMatch(/^Failed: /)
    expect(repliesTo(req.id).some((e) => e.kind === 6050)).toBe(false)
    const [job] = await newestJobs(engine, 1)
    expect(job?.state).toBe('failed')
  })

  it('drops a wrongly signed request and a malformed frame, then still serves', async () => {
    const engine = await rig.startEngine()
    await engine.goOnline()
    await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
    const forged = { ...request('forged'), content: 'tampered' }
    rig.relay.injectEvent(forged)
    rig.relay.publishRaw('["EVENT", "x", {"nonsense": true')
    const good = request('still here?')
    rig.relay.injectEvent(good)
    await rig.relay.waitForEvent({ kinds: [6050], '#e': [good.id] })
    const jobs = await newestJobs(engine, 10)
    expect(jobs.map((j) => j.id)).toEqual([good.id])
    expect((await engine.snapshot()).counts.dropped).toBeGreaterThanOrEqual(1)
  })

  it('refuses an unsupported input type with an error naming it, and ignores requests for others', async () => {
    const engine = await rig.startEngine()
    await engine.goOnline()
    const url = request('x', [])
    url.tags = [['i', 'https://example.com', 'url']]
    const signed = finalizeEvent(
      { kind: 5050, created_at: url.created_at, content: '', tags: url.tags },
      customerKey,
    )
    const other = request('not for you', [['p', getPublicKey(generateSecretKey())]])
    rig.relay.injectEvent(other)
    rig.relay.injectEvent(signed)
    await until(() => statuses(signed.id).includes('error'))
    const text = repliesTo(signed.id)[0]?.tags.find((t) => t[0] === 'status')?.[2]
    expect(text).toContain('"url"')
    expect(repliesTo(other.id)).toEqual([])
    expect(await newestJobs(engine, 10)).toEqual([])
  })

  it('never runs the same request twice, even after a restart', async () => {
    const dbName = `engine-${Math.random()}`
    let engine = await rig.startEngine({}, { dbName })
    await engine.goOnline()
    const req = request('once')
    rig.relay.injectEvent(req)
    await until(() => statuses(req.id).includes('success'))
    await engine.close()
    engine = await rig.startEngine({}, { dbName })
    await until(async () => (await engine.snapshot()).state === 'online')
    await until(async () => (await engine.snapshot()).relays[0]?.state === 'connected')
    await engine.whenIdle()
    expect(repliesTo(req.id).filter((e) => e.kind === 6050)).toHaveLength(1)
  })

  it('refuses to go online when Ollama is down, with the reason', async () => {
    const engine = await rig.startEngine()
    await rig.ollama.stop()
    const status = await engine.checkOllama()
    expect(status.state).toBe('unreachable')
    const r = await engine.goOnline()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain('Ollama is not ready')
    await rig.ollama.restart()
  })
})
