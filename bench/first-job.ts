/**
 * The first job after Go Online, on an Ollama whose models take 3 s to load (a fake Ollama of
 * its own, so the other phases keep their instant one). Each round: Go Online, a job sent the
 * moment the pane says Online, then a few later jobs one at a time; request to result for
 * each, as the customer sees it.
 *
 * - Warm-up on: the app as it is; Go Online loads the default model before it says Online.
 * - Warm-up off: the same, except that the model is unloaded from the fake the moment the app
 *   says Online, so the first job finds it out of memory, as it would with an app that does
 *   not warm up (the Settings have no switch for it). That is the cost the warm-up saves.
 * The budget is on the first job's time over the later jobs' median, warm-up on.
 *
 * A relay of its own, empty: on the shared one the earlier phases' requests are still within
 * the app's lookback, and a provider going online first verifies and triages all of them, so
 * its first job waited for that backlog (seconds, in a full run), not for the model.
 */
import { DEFAULT_MODELS, startFakeOllama } from '../fixtures/fake-ollama.ts'
import { LOAD_SETTINGS, openApp, type AppSession } from './app-page.ts'
import type { BenchEnv } from './env.ts'
import { benchPrompt, benchReply } from './fake-model.ts'
import { TOKENS } from './jobs-loop.ts'
import type { Measures } from './measures.ts'
import { startProbe, type Probe } from './probe.ts'
import { startRelayThread } from './relay-thread.ts'
import { median, round } from './stats.ts'

const SECTION = 'First job'
const LOAD_MS = 3000
const LATER_JOBS = 5
const JOB_TIMEOUT_MS = 30_000

const oneJob = async (probe: Probe, app: AppSession, tag: string): Promise<number> => {
  const [request] = probe.sign([benchPrompt(TOKENS, tag)], app.pubkey)
  if (request === undefined) throw new Error('could not sign a request')
  probe.send([request])
  await probe.waitForReplies([request.id], JOB_TIMEOUT_MS)
  const t = probe.timing(request.id)
  if (t?.resultAt === undefined) throw new Error(`${tag}: ${t?.errors.join('; ') ?? 'no result'}`)
  return t.resultAt - t.sentAt
}

export const runFirstJob = async (env: BenchEnv, rounds: number, measures: Measures) => {
  const models = DEFAULT_MODELS.map((m) => ({ ...m, loadMs: LOAD_MS }))
  const ollama = await startFakeOllama({ tokenDelayMs: 0, reply: benchReply, models })
  const relay = await startRelayThread(env.relay.verify)
  const app = await openApp(
    env.browser,
    { appUrl: env.app.url, relayUrl: relay.url, ollamaUrl: ollama.url },
    LOAD_SETTINGS,
    { online: false },
  )
  const probe = await startProbe(relay.url)
  type Round = { first: number; later: number }
  const rows: Record<'on' | 'off', Round[]> = { on: [], off: [] }
  try {
    for (let i = 0; i < rounds; i++) {
      for (const warm of ['on', 'off'] as const) {
        await app.goOnline()
        if (warm === 'off') for (const m of ollama.loaded()) ollama.unload(m.name)
        const first = await oneJob(probe, app, `first ${warm} ${i}`)
        const later: number[] = []
        for (let j = 0; j < LATER_JOBS; j++) later.push(await oneJob(probe, app, `later ${j}`))
        rows[warm].push({ first, later: median(later) })
        await app.goOffline()
        // Every round starts with nothing in memory, as after Ollama starts.
        for (const m of ollama.loaded()) ollama.unload(m.name)
      }
    }
  } finally {
    probe.close()
    await app.close()
    await Promise.all([ollama.stop(), relay.stop()])
  }
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value: round(value, 2), unit, ...extra })
  for (const warm of ['on', 'off'] as const) {
    const first = median(rows[warm].map((r) => r.first))
    const later = median(rows[warm].map((r) => r.later))
    add(`first job after Go Online, warm-up ${warm}: request to result`, first, 'ms', {
      note: `median of ${rounds} rounds; the model takes ${LOAD_MS / 1000} s to load`,
    })
    add(`  a later job, warm-up ${warm}`, later, 'ms', {
      note: `median of ${LATER_JOBS} jobs after the first, per round`,
    })
    add(
      `first job / later job, warm-up ${warm}`,
      first / later,
      'x',
      warm === 'on' ? { budget: { op: '<=', limit: 1.2 } } : {},
    )
  }
  measures.detail('firstJob', { loadMs: LOAD_MS, rows })
}
