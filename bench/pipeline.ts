/**
 * Pipeline phase: free jobs end to end through the real app, and the same jobs through the
 * baseline provider, in the same browser against the same relay in the same run.
 * Latency: one job at a time, alternating app and baseline so drift hits both alike.
 * Throughput: a burst of jobs with the other provider stopped, concurrency raised.
 */
import type { Browser } from '@playwright/test'
import type { AppSession } from './app-page.ts'
import type { Baseline, WorkerCosts } from './baseline-host.ts'
import { addCpuSplit } from './cpu-split.ts'
import { appBreakdown } from './breakdown.ts'
import { profileApp } from './profile.ts'
import { addRelayCeiling } from './relay-ceiling.ts'
import { burst, closedLoop, TOKENS, type Latencies, type Provider } from './jobs-loop.ts'
import type { Measures } from './measures.ts'
import type { Probe } from './probe.ts'
import { percentile, round } from './stats.ts'

const SECTION = 'Pipeline'

export interface PipelineOptions {
  latencyJobs: number
  burstJobs: number
  concurrency: number
}

export const runPipeline = async (
  o: PipelineOptions,
  parties: {
    app: AppSession
    baseline: Baseline
    probe: Probe
    browser: Browser
    relay: { url: string; verify: string }
    costs: WorkerCosts
  },
  measures: Measures,
): Promise<void> => {
  const { app, baseline, probe } = parties
  const providers: Provider[] = [
    { name: 'app', pubkey: app.pubkey },
    { name: 'baseline', pubkey: baseline.pubkey },
  ]
  // Warm both up (JIT, connections, the first IndexedDB transactions), unmeasured.
  await closedLoop(probe, providers, 5, 'warm-up')
  const loop = await closedLoop(probe, providers, o.latencyJobs, 'latency')
  const ours = loop.latencies.get('app') as Latencies
  const base = loop.latencies.get('baseline') as Latencies
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value: round(value, 2), unit, ...extra })
  for (const [key, label] of [
    ['processing', 'request to processing'],
    ['result', 'request to result'],
  ] as const) {
    add(`${label} p50, app`, percentile(ours[key], 50), 'ms')
    add(`${label} p50, baseline`, percentile(base[key], 50), 'ms')
    add(`${label} p99, app`, percentile(ours[key], 99), 'ms')
    add(`${label} p99, baseline`, percentile(base[key], 99), 'ms')
    add(
      `${label} p50, app / baseline`,
      percentile(ours[key], 50) / percentile(base[key], 50),
      'x',
      { budget: { op: '<=', limit: 1.1 }, note: `${o.latencyJobs} jobs each, one at a time` },
    )
  }

  const parts = await appBreakdown(app.page, probe, loop.appIds)
  const where = [
    ['send to engine intake (relay, verify, parse)', parts.toIntake],
    ['intake to running (journal, queue, journal)', parts.toRunning],
    ['running to generation done (processing sent, Ollama)', parts.generation],
    ['generation done to result at customer', parts.delivery],
  ] as const
  for (const [label, ms] of where) add(`app p50: ${label}`, ms, 'ms')

  // Throughput: each provider alone on the relay, the other one stopped.
  await baseline.stop()
  await addRelayCeiling(measures, SECTION, parties.relay, 4)
  const profiled = await profileApp(parties.browser, app.page)
  const appBurst = await burst(
    probe,
    providers[0] as Provider,
    o.burstJobs,
    parties.browser,
    app.page,
  )
  await profiled()
  add(`throughput, app (concurrency ${o.concurrency})`, appBurst.jobsPerS, 'jobs/s', {
    budget: { op: '>=', limit: 500 },
    note: `${o.burstJobs} requests published at once`,
  })
  add('burst request to result p50, app', percentile(appBurst.latencies.result, 50), 'ms')
  const burstParts = await appBreakdown(app.page, probe, appBurst.ids)
  add('jobs failed in the burst, app', appBurst.failed, 'jobs', {
    budget: { op: '<=', limit: 0 },
    ...(appBurst.reasons.length > 0 ? { note: `said: ${appBurst.reasons.join('; ')}` } : {}),
  })
  await app.goOffline()
  await baseline.start()
  const baseBurst = await burst(probe, providers[1] as Provider, o.burstJobs, parties.browser)
  await baseline.stop()
  add('throughput, baseline', baseBurst.jobsPerS, 'jobs/s')
  add('burst request to result p50, baseline', percentile(baseBurst.latencies.result, 50), 'ms')
  add('jobs failed in the burst, baseline', baseBurst.failed, 'jobs', {
    ...(baseBurst.reasons.length > 0 ? { note: `said: ${baseBurst.reasons.join('; ')}` } : {}),
  })
  add('throughput, app / baseline', appBurst.jobsPerS / baseBurst.jobsPerS, 'x', {
    budget: { op: '>=', limit: 0.8 },
  })
  const cpu = (b: typeof appBurst) => b.cpuMsPerJob
  add('Chromium CPU per job in the burst, app', cpu(appBurst).chromium, 'ms', {
    note: `all processes; ${round(cpu(appBurst).renderers, 2)} ms in renderers (pages, workers)`,
  })
  add('  of which the app page main thread (UI)', cpu(appBurst).pageMainThread, 'ms', {
    note: 'CDP Performance TaskDuration of the page',
  })
  add('Chromium CPU per job in the burst, baseline', cpu(baseBurst).chromium, 'ms', {
    note: `all processes; ${round(cpu(baseBurst).renderers, 2)} ms in renderers`,
  })
  add('Node CPU per job in the burst, app', cpu(appBurst).node, 'ms', {
    note: 'relay thread, fake Ollama, probe',
  })
  add('Node CPU per job in the burst, baseline', cpu(baseBurst).node, 'ms')
  const split = { section: SECTION, probe, costs: parties.costs }
  addCpuSplit(measures, {
    ...split,
    who: 'app',
    burst: appBurst,
    verifiesPerJob: 2,
    verifiesWhy:
      "2 a job: the request on the engine's subscription (handed to the market watch), the result on the market watch's",
  })
  addCpuSplit(measures, {
    ...split,
    who: 'baseline',
    burst: baseBurst,
    verifiesPerJob: 1,
    verifiesWhy: 'the request, once',
  })
  measures.detail('pipeline', {
    tokensPerJob: TOKENS,
    latency: { app: ours, baseline: base },
    appBreakdown: parts,
    appBurstBreakdown: burstParts,
    burst: {
      app: { ...appBurst, ids: undefined },
      baseline: { ...baseBurst, ids: undefined },
    },
  })
}
