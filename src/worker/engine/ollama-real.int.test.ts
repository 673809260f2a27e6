/**
 * The engine against Ollama as people run it (the fake's real behaviours): thinking models,
 * embedding models, context windows, a model unloaded mid-session, and Ollama's failures, each
 * reaching the customer as words they can act on.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_MODELS,
  EMBEDDING_MODEL,
  THINKING_MODEL,
  echoReply,
  thinkingReply,
  tokenize,
} from '../../../fixtures/fake-ollama.ts'
import { startRig, until, warmedUp, type Rig } from '../../../fixtures/engine-rig.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'

let rig: Rig | undefined
afterEach(async () => {
  await rig?.stop()
  rig = undefined
})

const [LLAMA, QWEN] = [DEFAULT_MODELS[0]!, DEFAULT_MODELS[1]!]

const online = async (...args: Parameters<typeof startRig>) => {
  rig = await startRig(...args)
  const went = await rig.engine.goOnline()
  expect(went).toEqual({ ok: true, value: 'online' })
  await until(async () => (await rig!.engine.snapshot()).relays[0]?.state === 'connected')
  return rig
}

const resultOf = (r: Rig, id: string) => r.relay.waitForEvent({ kinds: [6050], '#e': [id] }, 10_000)
const errorOf = async (r: Rig, id: string) => {
  await until(() => r.feedback(id).some((f) => f.status === 'error'), 10_000)
  return r.feedback(id).find((f) => f.status === 'error')?.text ?? ''
}
const thinkSent = (r: Rig) =>
  r.ollama.generations().map((g) => (g.body as { think?: boolean }).think)

describe('thinking models', () => {
  it('reasoning off by default: think false is sent and the result is the answer alone', async () => {
    const r = await online({ models: [THINKING_MODEL] })
    const req = r.request('Why is the sky blue?')
    r.relay.injectEvent(req)
    expect((await resultOf(r, req.id)).content).toBe(echoReply('Why is the sky blue?'))
    expect(thinkSent(r)).toEqual([false])
  })

  it('with reasoning on, partials say it is reasoning and the result holds no reasoning', async () => {
    const r = await online({ models: [THINKING_MODEL], tokenDelayMs: 100 }, { reasoning: 'true' })
    // About 30 tokens of reasoning at 100 ms each: past the first partial, 2 s in.
    const prompt = `Why is the sky blue? ${'Think it through. '.repeat(8)}`.trim()
    const req = r.request(prompt)
    r.relay.injectEvent(req)
    const result = await resultOf(r, req.id)
    expect(result.content).toBe(echoReply(prompt))
    expect(result.content).not.toContain(thinkingReply(prompt).slice(0, 12))
    expect(thinkSent(r)).toEqual([true])
    expect(r.feedback(req.id).filter((f) => f.status === 'partial')[0]?.text).toMatch(/reasoning/i)
  }, 20_000)

  it("honours a customer's think param, and never sends think to a model that cannot think", async () => {
    const r = await online({ models: [THINKING_MODEL, LLAMA] })
    const asked = r.request('hi', [
      ['param', 'think', 'true'],
      ['param', 'model', THINKING_MODEL.name],
    ])
    r.relay.injectEvent(asked)
    await resultOf(r, asked.id)
    const plain = r.request('hi', [
      ['param', 'think', 'true'],
      ['param', 'model', LLAMA.name],
    ])
    r.relay.injectEvent(plain)
    await resultOf(r, plain.id)
    expect(thinkSent(r)).toEqual([true, undefined])
  })

  it('an answer left empty by reasoning is an error that says why, never a success', async () => {
    const r = await online({ models: [THINKING_MODEL] }, { reasoning: 'true' })
    const prompt = 'Why is the sky blue?'
    const budget = tokenize(thinkingReply(prompt)).length
    const req = r.request(prompt, [['param', 'max_tokens', String(budget)]])
    r.relay.injectEvent(req)
    expect(await errorOf(r, req.id)).toMatch(/no answer: it spent all \d+ tokens reasoning/)
    expect(r.feedback(req.id).map((f) => f.status)).not.toContain('success')
    const [job] = await newestJobs(r.engine, 1)
    expect(job?.state).toBe('failed')
  })
})

describe('capabilities', () => {
  it('never offers an embedding model, and a request naming one is refused with why', async () => {
    const r = await online({ models: [EMBEDDING_MODEL, LLAMA] })
    const snapshot = await r.engine.snapshot()
    expect(
      snapshot.ollama.models.find((m) => m.name === EMBEDDING_MODEL.name)?.capabilities,
    ).toEqual(['embedding'])
    const req = r.request('embed me', [['param', 'model', EMBEDDING_MODEL.name]])
    r.relay.injectEvent(req)
    expect(await errorOf(r, req.id)).toContain("can't generate text")
    const plain = r.request('hello')
    r.relay.injectEvent(plain)
    expect((await resultOf(r, plain.id)).tags.find((t) => t[0] === 'model')?.[1]).toBe(LLAMA.name)
    expect(r.ollama.generations().map((g) => (g.body as { model: string }).model)).toEqual([
      LLAMA.name,
    ])
  })

  it('an Ollama with only embedding models is not ready, and says so', async () => {
    rig = await startRig()
    rig.ollama.setModels([EMBEDDING_MODEL])
    const status = await rig.engine.checkOllama()
    expect(status).toMatchObject({
      state: 'no-models',
      fix: expect.stringContaining('ollama pull'),
    })
    expect(status.reason).toContain("can't generate text")
  })
})

describe('context windows', () => {
  it('refuses up front a prompt plus max_tokens that cannot fit, without calling Ollama', async () => {
    const r = await online({}, { numCtx: '2048' })
    const req = r.request('word '.repeat(3000), [['param', 'max_tokens', '500']])
    r.relay.injectEvent(req)
    expect(await errorOf(r, req.id)).toMatch(/does not fit .*context window of 2,048 tokens/)
    expect(r.ollama.generations()).toEqual([])
  })

  it('says so when Ollama cut the prompt anyway', async () => {
    // Two characters a token: more than the estimate allows for, so Ollama cuts it.
    const r = await online({}, { numCtx: '1024' })
    const req = r.request('a '.repeat(1200).trim(), [['param', 'max_tokens', '100']])
    r.relay.injectEvent(req)
    await resultOf(r, req.id)
    await until(() => r.feedback(req.id).some((f) => f.status === 'success'))
    expect(r.feedback(req.id).find((f) => f.status === 'success')?.text).toMatch(
      /Ollama cut the prompt to fit .* context window of 1024 tokens/,
    )
  })
})

describe("Ollama's failures", () => {
  it('503 busy: retried with backoff, then served', async () => {
    const r = await online()
    r.ollama.setBusy(2)
    const req = r.request('hello')
    r.relay.injectEvent(req)
    expect((await resultOf(r, req.id)).content).toBe(echoReply('hello'))
    expect(
      r.ollama.requests().filter((q) => q.path === '/api/generate').length,
    ).toBeGreaterThanOrEqual(4)
  }, 20_000)

  it('404: the model list is refreshed and the error names the model', async () => {
    const r = await online()
    await warmedUp(r.engine, r.ollama, 2)
    r.ollama.setModels([QWEN])
    const req = r.request('hello', [['param', 'model', LLAMA.name]])
    r.relay.injectEvent(req)
    expect(await errorOf(r, req.id)).toContain(`model ${LLAMA.name} is no longer installed`)
    await until(async () => (await r.engine.snapshot()).ollama.models.length === 1)
  })

  it('out of memory: the model is marked not usable and the next job falls back', async () => {
    const r = await online()
    // Both fit at Go Online; now something else holds the memory and Ollama unloaded one.
    await warmedUp(r.engine, r.ollama, 2)
    r.ollama.unload(QWEN.name)
    r.ollama.setModels([LLAMA, { ...QWEN, outOfMemory: true }])
    const req = r.request('hello', [['param', 'model', QWEN.name]])
    r.relay.injectEvent(req)
    expect(await errorOf(r, req.id)).toMatch(/does not fit in this provider's memory/)
    const { ollama } = await r.engine.snapshot()
    expect(ollama.unusable?.map((u) => u.name)).toEqual([QWEN.name])
    const again = r.request('hello again', [['param', 'model', QWEN.name]])
    r.relay.injectEvent(again)
    expect(await errorOf(r, again.id)).toMatch(/does not fit in this machine's memory/)
    const plain = r.request('hello')
    r.relay.injectEvent(plain)
    expect((await resultOf(r, plain.id)).tags.find((t) => t[0] === 'model')?.[1]).toBe(LLAMA.name)
  })

  it('a default model that does not fit: Go Online loads the next one for sale instead', async () => {
    const r = await online({ models: [{ ...LLAMA, outOfMemory: true }, QWEN] })
    expect(r.ollama.loaded().map((m) => m.name)).toEqual([QWEN.name])
    expect((await r.engine.snapshot()).ollama.unusable?.map((u) => u.name)).toEqual([LLAMA.name])
  })
})

describe('keeping models loaded', () => {
  it('renews keep_alive with each job, and loads the default again after Ollama unloads it', async () => {
    const r = await online({}, { keepAliveMinutes: '45' })
    const req = r.request('hello')
    r.relay.injectEvent(req)
    await resultOf(r, req.id)
    expect(
      r.ollama.generations().map((g) => (g.body as { keep_alive?: string }).keep_alive),
    ).toEqual(['45m'])
    r.ollama.unload(LLAMA.name)
    await r.engine.checkOllama()
    await until(() => r.ollama.loaded().some((m) => m.name === LLAMA.name))
    const next = r.request('after the unload')
    r.relay.injectEvent(next)
    expect((await resultOf(r, next.id)).content).toBe(echoReply('after the unload'))
  })
})
