/**
 * The model is decided at intake, before any invoice: a paid request that cannot run here is
 * refused with the reason and never invoiced (issue 15, point 5).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EMBEDDING_MODEL, DEFAULT_MODELS } from '../../../fixtures/fake-ollama.ts'
import { startNwcWallet, type FakeNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { startRig, until, type Rig } from '../../../fixtures/engine-rig.ts'
import { newestJobs } from '../../../fixtures/newest-jobs.ts'
import type { SettingsForm } from '../../shared/settings.ts'

let rig: Rig | undefined
let nwc: FakeNwcWallet | undefined
afterEach(async () => {
  await rig?.stop()
  await nwc?.stop()
  rig = undefined
  nwc = undefined
})

const paidOnline = async (settings: Partial<SettingsForm> = {}) => {
  rig = await startRig(
    { models: [...DEFAULT_MODELS, EMBEDDING_MODEL] },
    { pricePerJobSats: '5', ...settings },
  )
  nwc = await startNwcWallet({ relayUrl: rig.relay.url })
  expect(await rig.engine.connectNwc(nwc.uri)).toMatchObject({ ok: true })
  await until(async () => (await rig!.engine.snapshot()).wallet.state === 'ready')
  expect(await rig.engine.goOnline()).toEqual({ ok: true, value: 'online' })
  await until(async () => (await rig!.engine.snapshot()).relays[0]?.state === 'connected')
  return { rig, nwc }
}

const refusal = async (r: Rig, id: string) => {
  await until(() => r.feedback(id).some((f) => f.status === 'error'))
  return r.feedback(id)
}

describe('decided before the invoice', () => {
  it.each([
    [
      'a model not offered, with fallback off',
      { fallbackToDefaultModel: 'false' },
      [['param', 'model', 'mistral:7b']],
      'Refused: model mistral:7b is not installed here; models offered: llama3.2:1b, qwen2.5:0.5b',
    ],
    [
      'a model that cannot generate text',
      {},
      [['param', 'model', EMBEDDING_MODEL.name]],
      "Refused: nomic-embed-text:latest can't generate text (it is an embedding model)",
    ],
    [
      'a prompt plus max_tokens over the context window',
      { numCtx: '1024' },
      [['param', 'max_tokens', '1021']],
      "Refused: the prompt (about 4 tokens) plus max_tokens 1,021 does not fit llama3.2:1b's context window of 1,024 tokens here; shorten the prompt or ask for fewer tokens",
    ],
  ])('%s: error feedback with the reason, no invoice, no job', async (_, settings, tags, words) => {
    const { rig: r, nwc: wallet } = await paidOnline(settings)
    const req = r.request('hello there', tags)
    r.relay.injectEvent(req)
    const feedback = await refusal(r, req.id)
    expect(feedback).toEqual([{ status: 'error', text: words }])
    expect(wallet.invoices()).toEqual([])
    expect(await newestJobs(r.engine, 10)).toEqual([])
    expect(r.ollama.generations()).toEqual([])
  })

  it('a request that can run is invoiced as before', async () => {
    const { rig: r, nwc: wallet } = await paidOnline()
    const req = r.request('hello there', [['param', 'model', 'qwen2.5:0.5b']])
    r.relay.injectEvent(req)
    await until(() => r.feedback(req.id).some((f) => f.status === 'payment-required'))
    expect(wallet.invoices()).toHaveLength(1)
  })
})
