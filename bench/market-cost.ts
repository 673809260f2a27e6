/**
 * What watching the market costs (issue 18): the same provider, the same market traffic (other
 * providers' announcements, heartbeats and results, published live while it serves) and the
 * same honest jobs, with the market watch on and off ("Watch the market while online"),
 * alternating off, on, off, on in one run. Per mode: the renderers' CPU time (the engine
 * worker lives in one), the engine worker's heap after a forced GC, and our own jobs' intake
 * (request to the first "processing" feedback) and request-to-result time. Off, the relay
 * still carries the market events; only the provider's subscription to them is gone.
 */
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import WebSocket from 'ws'
import { LOAD_SETTINGS, openApp, writeSettings, type AppSession } from './app-page.ts'
import { cpuSeconds, cpuSince } from './cpu.ts'
import type { BenchEnv } from './env.ts'
import { benchPrompt } from './fake-model.ts'
import { createHeapSampler } from './heap.ts'
import { TOKENS } from './jobs-loop.ts'
import type { Measures } from './measures.ts'
import { startProbe, type Probe } from './probe.ts'
import { MB, percentile, round } from './stats.ts'

const SECTION = 'Market watch'
const PROVIDERS = 300
const RESULTS_EACH = 3
const JOBS = 40
const ROUNDS: readonly boolean[] = [false, true, false, true]

/** One round's market traffic: fresh events (a relay drops what it already has). */
const marketEvents = (): Event[] => {
  const now = Math.floor(Date.now() / 1000)
  return Array.from({ length: PROVIDERS }, (_, i) => {
    const key = generateSecretKey()
    const sign = (kind: number, tags: string[][], content = '') =>
      finalizeEvent({ kind, created_at: now, tags, content }, key)
    const content = JSON.stringify({ name: `bench ${i}`, amount: String(1000 * (i % 20)) })
    return [
      sign(
        31990,
        [
          ['k', '5050'],
          ['d', `bench-${i}`],
        ],
        content,
      ),
      sign(11998, [['status', 'online']]),
      ...Array.from({ length: RESULTS_EACH }, (_, r) =>
        sign(6050, [['e', `${i}-${r}`.padStart(64, '0')]], 'an answer'),
      ),
    ]
  }).flat()
}

const connect = async (url: string) => {
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  return ws
}

interface Round {
  watching: boolean
  cpuS: number
  heapMB: number
  intakeMs: number[]
  resultMs: number[]
}

const runRound = async (env: BenchEnv, app: AppSession, probe: Probe, watching: boolean) => {
  await app.goOffline()
  await writeSettings(app.page, { ...LOAD_SETTINGS, watchMarket: watching })
  await app.page.reload()
  await app.goOnline()
  const job = (tag: string) => {
    const [request] = probe.sign([benchPrompt(TOKENS, tag)], app.pubkey)
    if (request === undefined) throw new Error('could not sign a request')
    return request
  }
  // A first job, unmeasured: the subscriptions are open and the model is loaded.
  const warm = job(`market warm ${watching}`)
  probe.send([warm])
  await probe.waitForReplies([warm.id], 60_000)

  const events = marketEvents()
  const market = await connect(env.relay.url)
  const heap = await createHeapSampler(env.browser, app.page, env.app.url)
  const cpuBefore = await cpuSeconds(env.browser)
  const chunk = Math.ceil(events.length / JOBS)
  const ids: string[] = []
  for (let i = 0; i < JOBS; i++) {
    for (const e of events.slice(i * chunk, (i + 1) * chunk))
      market.send(JSON.stringify(['EVENT', e]))
    const request = job(`market ${watching} ${i}`)
    ids.push(request.id)
    probe.send([request])
    await probe.waitForReplies([request.id], 60_000)
  }
  const cpu = cpuSince(cpuBefore, await cpuSeconds(env.browser))
  const after = await heap.sample()
  await heap.close()
  market.close()
  const times = ids.map((id) => probe.timing(id))
  return {
    watching,
    cpuS: cpu.renderers,
    heapMB: after.workerBytes / MB,
    intakeMs: times.flatMap((t) =>
      t?.processingAt === undefined ? [] : [t.processingAt - t.sentAt],
    ),
    resultMs: times.flatMap((t) => (t?.resultAt === undefined ? [] : [t.resultAt - t.sentAt])),
  } satisfies Round
}

export const runMarketCost = async (env: BenchEnv, measures: Measures) => {
  const probe = await startProbe(env.relay.url)
  const app = await openApp(
    env.browser,
    { appUrl: env.app.url, relayUrl: env.relay.url, ollamaUrl: env.ollama.url },
    LOAD_SETTINGS,
  )
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value: round(value, 2), unit, ...extra })
  try {
    const rounds: Round[] = []
    for (const watching of ROUNDS) rounds.push(await runRound(env, app, probe, watching))
    const of = (watching: boolean) => rounds.filter((r) => r.watching === watching)
    const mode = (watching: boolean) => {
      const rs = of(watching)
      return {
        cpuS: rs.reduce((s, r) => s + r.cpuS, 0) / rs.length,
        heapMB: Math.max(...rs.map((r) => r.heapMB)),
        intakeP50: percentile(
          rs.flatMap((r) => r.intakeMs),
          50,
        ),
        resultP50: percentile(
          rs.flatMap((r) => r.resultMs),
          50,
        ),
        jobs: rs.reduce((s, r) => s + r.resultMs.length, 0),
      }
    }
    const off = mode(false)
    const on = mode(true)
    const traffic = `${PROVIDERS * (2 + RESULTS_EACH)} market events and ${JOBS} jobs a round; rounds off, on, off, on`
    add('our jobs served, watching', on.jobs, 'jobs', {
      budget: { op: '=', limit: JOBS * of(true).length },
    })
    add('CPU (renderers) a round, not watching', off.cpuS, 's', { note: traffic })
    add('CPU (renderers) a round, watching', on.cpuS, 's')
    add('CPU, watching / not', on.cpuS / off.cpuS, 'x')
    add('engine worker heap, not watching', off.heapMB, 'MB', {
      note: 'forced GC, most of its rounds',
    })
    add('engine worker heap, watching', on.heapMB, 'MB')
    add('engine worker heap, watching - not', on.heapMB - off.heapMB, 'MB')
    add('our intake p50 (request to processing), not watching', off.intakeP50, 'ms')
    add('our intake p50, watching', on.intakeP50, 'ms')
    add('our intake p50, watching / not', on.intakeP50 / off.intakeP50, 'x', {
      budget: { op: '<=', limit: 1.1 },
    })
    add('our request to result p50, watching / not', on.resultP50 / off.resultP50, 'x')
    measures.detail('market-cost', { rounds })
  } finally {
    probe.close()
    await app.close()
  }
}
