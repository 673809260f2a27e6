/**
 * The flood: 10,000 requests from 2,000 keys (flood-mix.ts), published as fast as the relay
 * takes them, with the probe's honest jobs interleaved, to a provider that has a price, a
 * wallet (a fake NWC wallet on the same relay) and its honest customer and the flood's free
 * keys on its "Free customers" list.
 *
 * - Honest jobs: first one at a time on the idle provider, then one after every 1/20th of the
 *   flood; all served?, and request to result p90, flooded over idle.
 * - Intake: the last honest job goes out on the flood's own connection after the relay has
 *   answered every flood event, so when it reaches the engine (its first processing or
 *   "Queued" feedback) every flood event before it has been verified and triaged. Requests per
 *   second to that point, against how many the same worker verifies per second doing nothing
 *   else (verify-probe.ts, the engine's own check), measured just before.
 * - The page's frame intervals from the first flood frame to the last honest reply, and both
 *   heaps (forced GC) before and after.
 */
import WebSocket from 'ws'
import { startNwcWallet } from '../fixtures/nwc-wallet.ts'
import { connectWallet } from '../fixtures/wallet-ui.ts'
import { LOAD_SETTINGS, openApp, writeSettings } from './app-page.ts'
import { appBreakdown } from './breakdown.ts'
import { VERIFY_PROBE } from './build.ts'
import type { BenchEnv } from './env.ts'
import { benchPrompt } from './fake-model.ts'
import { makeFlood, type FloodKind } from './flood-mix.ts'
import { startFrames, stopFrames } from './frames.ts'
import { createHeapSampler } from './heap.ts'
import { TOKENS } from './jobs-loop.ts'
import type { Measures } from './measures.ts'
import { startProbe, type Probe } from './probe.ts'
import { startProfile } from './profile.ts'
import { addRelayCeiling } from './relay-ceiling.ts'
import { MB, percentile, round } from './stats.ts'
import { openWorkerSession } from './worker-session.ts'

const SECTION = 'Flood'
const HONEST = 20
const REPLY_TIMEOUT_MS = 300_000

/** A publishing connection that counts the relay's OKs, optionally unverified by the relay. */
const publisher = async (url: string, unverified: boolean) => {
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  if (unverified) ws.send(JSON.stringify(['BENCH-UNVERIFIED']))
  let sent = 0
  let oks = 0
  let lastOkAt = 0
  let waiter: (() => void) | undefined
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as unknown[]
    if (m[0] !== 'OK') return
    oks += 1
    lastOkAt = performance.now()
    if (oks >= sent) waiter?.()
  })
  return {
    send: (frame: string) => {
      sent += 1
      ws.send(frame)
    },
    /** Resolves when the relay has answered everything sent so far; when it answered last. */
    drained: () =>
      new Promise<number>((resolve) => {
        if (oks >= sent) return resolve(lastOkAt)
        waiter = () => resolve(lastOkAt)
      }),
    close: () => ws.close(),
  }
}

const honestJob = (probe: Probe, provider: string, tag: string) => {
  const [request] = probe.sign([benchPrompt(TOKENS, tag)], provider)
  if (request === undefined) throw new Error('could not sign a request')
  return request
}

export const runFlood = async (
  env: BenchEnv,
  scale: { floodRequests: number; floodKeys: number; concurrency: number },
  measures: Measures,
) => {
  const probe = await startProbe(env.relay.url)
  const nwc = await startNwcWallet({ relayUrl: env.relay.url })
  const add = (name: string, value: number | string, unit: string, extra = {}) =>
    measures.add({
      section: SECTION,
      name,
      value: typeof value === 'number' ? round(value, 2) : value,
      unit,
      ...extra,
    })
  // The provider's key is known once the app runs; the flood is signed for it before Go Online.
  const app = await openApp(
    env.browser,
    { appUrl: env.app.url, relayUrl: env.relay.url, ollamaUrl: env.ollama.url },
    LOAD_SETTINGS,
    { online: false },
  )
  try {
    const flood = await makeFlood({
      requests: scale.floodRequests - HONEST,
      keys: scale.floodKeys,
      provider: app.pubkey,
    })
    await writeSettings(app.page, {
      ...LOAD_SETTINGS,
      concurrency: scale.concurrency,
      pricePerJobSats: 1,
      allowlist: [probe.pubkey, ...flood.freeKeys],
    })
    await app.page.reload()
    await connectWallet(app.page, nwc)
    await app.goOnline()

    // Idle: the same honest jobs, one at a time.
    const idle: number[] = []
    for (let i = 0; i < HONEST; i++) {
      const request = honestJob(probe, app.pubkey, `idle ${i}`)
      probe.send([request])
      await probe.waitForReplies([request.id], 30_000)
      const t = probe.timing(request.id)
      if (t?.resultAt === undefined) throw new Error(`idle job failed: ${t?.errors.join('; ')}`)
      idle.push(t.resultAt - t.sentAt)
    }
    await addRelayCeiling(measures, SECTION, env.relay)

    const worker = await openWorkerSession(env.browser, env.app.url)
    const evaluated = (await worker.send('Runtime.evaluate', {
      expression: `import('/${VERIFY_PROBE}').then((m) => m.verifyRate(1000))`,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: number }; exceptionDetails?: unknown }
    const ceiling = evaluated.result.value
    if (typeof ceiling !== 'number') {
      throw new Error(`the verify probe failed: ${JSON.stringify(evaluated.exceptionDetails)}`)
    }

    const heap = await createHeapSampler(env.browser, app.page, env.app.url)
    const before = await heap.sample()
    const honest = await publisher(env.relay.url, false)
    const forged = await publisher(env.relay.url, true)
    const chunk = Math.ceil(flood.requests.length / (HONEST - 1))
    const honestIds: string[] = []
    await startFrames(app.page)
    const stopProfile = await startProfile(worker)
    const started = performance.now()
    for (let c = 0; c < HONEST - 1; c++) {
      for (const r of flood.requests.slice(c * chunk, (c + 1) * chunk)) {
        const frame = JSON.stringify(['EVENT', r.event])
        if (r.kind === 'forged') forged.send(frame)
        else honest.send(frame)
      }
      const request = honestJob(probe, app.pubkey, `flood ${c}`)
      honestIds.push(request.id)
      probe.send([request])
    }
    const [honestDone, forgedDone] = await Promise.all([honest.drained(), forged.drained()])
    const relayTookS = (Math.max(honestDone, forgedDone) - started) / 1000
    const sentinel = honestJob(probe, app.pubkey, 'flood last')
    honestIds.push(sentinel.id)
    probe.send([sentinel], honest)
    const lost = await probe.waitForReplies(honestIds, REPLY_TIMEOUT_MS).then(
      () => 0,
      () => honestIds.filter((id) => probe.timing(id)?.resultAt === undefined).length,
    )
    const frames = await stopFrames(app.page)
    await stopProfile()
    await worker.close()
    honest.close()
    forged.close()
    const after = await heap.sample()
    await heap.close()

    const reachedAt = probe.timing(sentinel.id)?.processingAt
    const intakeS = reachedAt === undefined ? Number.NaN : (reachedAt - started) / 1000
    const results = honestIds.flatMap((id) => {
      const t = probe.timing(id)
      return t?.resultAt === undefined ? [] : [t.resultAt - t.sentAt]
    })
    const counts = flood.requests.reduce<Record<FloodKind, number>>(
      (n, r) => ({ ...n, [r.kind]: n[r.kind] + 1 }),
      { forged: 0, other: 0, unpaid: 0, free: 0 },
    )
    const mix = Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')
    add('honest jobs served while flooded', `${results.length} of ${HONEST}`, '', {
      budget: { op: '=', limit: `${HONEST} of ${HONEST}` },
      note: `flood: ${mix}, from ${scale.floodKeys} keys`,
    })
    const idleP90 = percentile(idle, 90)
    const floodP90 = percentile(results, 90)
    add('honest request to result p90, idle provider', idleP90, 'ms', {
      note: `${HONEST} jobs one at a time`,
    })
    add('honest request to result p90, flooded', floodP90, 'ms')
    add('honest p90, flooded / idle', floodP90 / idleP90, 'x', {
      budget: { op: '<=', limit: 2 },
    })
    // Where a flooded honest job waited, from the app's own journal (medians).
    const parts = await appBreakdown(app.page, probe, honestIds)
    add('honest flooded p50: send to engine intake (relay, worker backlog)', parts.toIntake, 'ms')
    add('honest flooded p50: intake to running', parts.toRunning, 'ms')
    add('honest flooded p50: running to generation done', parts.generation, 'ms')
    add('honest flooded p50: generation done to result at customer', parts.delivery, 'ms')
    add('relay took the flood in', relayTookS, 's', {
      note: `${flood.requests.length} events, first send to last OK`,
    })
    add('engine intake (verified and triaged)', flood.requests.length / intakeS, 'requests/s', {
      note: 'first flood frame to the last honest job reaching the engine',
    })
    add('verify-only ceiling, same worker, same run', ceiling, 'requests/s', {
      note: "the engine's own check (parse, shape, signature) with nothing else to do",
    })
    add('engine intake / verify-only ceiling', flood.requests.length / intakeS / ceiling, 'x', {
      budget: { op: '>=', limit: 0.8 },
    })
    add('page frame time p99 while flooded', percentile(frames, 99), 'ms', {
      budget: { op: '<=', limit: 50 },
      note: `${frames.length} frames; max ${round(Math.max(...frames), 0)} ms`,
    })
    for (const [label, key] of [
      ['page', 'pageBytes'],
      ['engine worker', 'workerBytes'],
    ] as const) {
      add(`JS heap after the flood, ${label}`, after[key] / MB, 'MB', {
        budget: { op: '<=', limit: 50 },
        note: `${round(before[key] / MB, 1)} MB before; forced GC in both`,
      })
    }
    measures.detail('flood', { counts, idle, results, lost, frames, before, after, intakeS })
  } finally {
    probe.close()
    await app.close()
    await nwc.stop()
  }
}
