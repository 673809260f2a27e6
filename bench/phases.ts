/** The bench's phases by name, each given the shared environment, its scale and the table. */
import { LOAD_SETTINGS, openApp } from './app-page.ts'
import { startBaseline } from './baseline-host.ts'
import { runBundle } from './bundle.ts'
import { runCosts } from './costs.ts'
import { runFirstJob } from './first-job.ts'
import { runFlood } from './flood.ts'
import { runColdStart } from './cold-start.ts'
import type { BenchEnv } from './env.ts'
import { runHistory } from './history.ts'
import { runIdle, runSoak } from './idle-soak.ts'
import { runMarketCost } from './market-cost.ts'
import type { Measures } from './measures.ts'
import { runPipeline } from './pipeline.ts'
import { startProbe } from './probe.ts'
import { runStreaming } from './streaming.ts'

export interface Scale {
  /** The app's `concurrency` setting (jobs at once) for the pipeline and soak. */
  concurrency: number
  latencyJobs: number
  burstJobs: number
  streamRuns: number
  historyJobs: number
  idleSeconds: number
  soakJobs: number
  coldStarts: number
  /** Go Online rounds, each way (warm-up on and off), for the first job. */
  firstJobRounds: number
  /** The flood's requests (honest ones included) and the keys they come from. */
  floodRequests: number
  floodKeys: number
}

type Phase = (env: BenchEnv, scale: Scale, measures: Measures) => Promise<void>

const urls = (env: BenchEnv) => ({
  appUrl: env.app.url,
  relayUrl: env.relay.url,
  ollamaUrl: env.ollama.url,
})

const modelName = (env: BenchEnv) => env.ollama.models()[0]?.name ?? 'llama3.2:1b'

/** Pipeline and streaming share one app page and the baseline. */
const pipeline: Phase = async (env, scale, measures) => {
  const app = await openApp(env.browser, urls(env), {
    ...LOAD_SETTINGS,
    concurrency: scale.concurrency,
  })
  const baseline = await startBaseline(env.browser, {
    relay: env.relay.url,
    ollama: env.ollama.url,
    model: modelName(env),
  })
  const probe = await startProbe(env.relay.url)
  try {
    // The primitives first: the burst's CPU per job is split with them.
    const costs = await runCosts(baseline, measures, 200)
    await runPipeline(
      scale,
      { app, baseline, probe, browser: env.browser, relay: env.relay, costs },
      measures,
    )
    if (scale.streamRuns > 0) {
      await app.goOnline()
      await runStreaming(env, { app, probe, model: modelName(env) }, scale.streamRuns, measures)
    }
  } finally {
    probe.close()
    await baseline.close()
    await app.close()
  }
}

export const PHASES: Record<
  | 'bundle'
  | 'pipeline'
  | 'first-job'
  | 'flood'
  | 'history'
  | 'idle'
  | 'soak'
  | 'cold-start'
  | 'market',
  Phase
> = {
  bundle: (env, _scale, measures) => runBundle(env.distDir, measures),
  pipeline,
  'first-job': (env, scale, measures) => runFirstJob(env, scale.firstJobRounds, measures),
  flood: (env, scale, measures) => runFlood(env, scale, measures),
  history: (env, scale, measures) => runHistory(env, scale.historyJobs, measures),
  idle: (env, scale, measures) => runIdle(env, scale.idleSeconds, measures),
  soak: (env, scale, measures) => runSoak(env, scale, measures),
  'cold-start': (env, scale, measures) => runColdStart(env, scale.coldStarts, measures),
  market: (env, _scale, measures) => runMarketCost(env, measures),
}

export type PhaseName = keyof typeof PHASES

export const SMOKE_PHASES: PhaseName[] = ['bundle', 'pipeline']
