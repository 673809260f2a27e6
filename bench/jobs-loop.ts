/**
 * The two ways the pipeline phase sends jobs: one at a time to each provider in turn (for
 * latency), or all at once to one provider (for throughput), each job a short generation.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Browser, Page } from '@playwright/test'
import { cpuSeconds, cpuSince } from './cpu.ts'
import { benchPrompt } from './fake-model.ts'
import type { Probe } from './probe.ts'

/** Tokens each job generates: the model's time stays small next to what the providers add. */
export const TOKENS = 4
const PAUSE_MS = 25
const JOB_TIMEOUT_MS = 15_000

export interface Latencies {
  processing: number[]
  result: number[]
}

export interface Provider {
  name: 'app' | 'baseline'
  pubkey: string
}

const latenciesOf = (probe: Probe, ids: string[]): Latencies => {
  const processing: number[] = []
  const result: number[] = []
  for (const id of ids) {
    const t = probe.timing(id)
    if (t?.processingAt !== undefined) processing.push(t.processingAt - t.sentAt)
    if (t?.resultAt !== undefined) result.push(t.resultAt - t.sentAt)
  }
  return { processing, result }
}

/** One job at a time for each provider in turn; returns each provider's latencies. */
export const closedLoop = async (
  probe: Probe,
  providers: Provider[],
  jobs: number,
  tag: string,
) => {
  const ids = new Map<string, string[]>(providers.map((p) => [p.name, []]))
  const signed = new Map(
    providers.map((p) => [
      p.name,
      probe.sign(
        Array.from({ length: jobs }, () => benchPrompt(TOKENS, `${tag} ${p.name}`)),
        p.pubkey,
      ),
    ]),
  )
  for (let i = 0; i < jobs; i++) {
    // Alternate who goes first, so neither always follows the other's tail.
    const order = i % 2 === 0 ? providers : [...providers].reverse()
    for (const p of order) {
      const request = signed.get(p.name)?.[i]
      if (request === undefined) continue
      probe.send([request])
      await probe.waitForReplies([request.id], JOB_TIMEOUT_MS)
      const errors = probe.timing(request.id)?.errors ?? []
      if (errors.length > 0) throw new Error(`${p.name} failed a job: ${errors.join('; ')}`)
      ids.get(p.name)?.push(request.id)
      // Let the success feedback and journal writes settle before the next job.
      await sleep(PAUSE_MS)
    }
  }
  return {
    latencies: new Map(providers.map((p) => [p.name, latenciesOf(probe, ids.get(p.name) ?? [])])),
    appIds: ids.get('app') ?? [],
  }
}

/** Seconds the page's main thread has spent in tasks (CDP Performance TaskDuration). */
const mainThreadSeconds = async (page: Page) => {
  const session = await page.context().newCDPSession(page)
  await session.send('Performance.enable')
  const read = async () => {
    const { metrics } = await session.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN
  }
  const start = await read()
  return Object.assign(read, { start })
}

/**
 * Publish `jobs` requests at once; jobs/s from the first send to the last result, and the
 * CPU time every process spent per job meanwhile (2 cores bound jobs/s x CPU per job).
 */
export const burst = async (
  probe: Probe,
  provider: Provider,
  jobs: number,
  browser: Browser,
  page?: Page,
) => {
  const main = page === undefined ? undefined : await mainThreadSeconds(page)
  const requests = probe.sign(
    Array.from({ length: jobs }, () => benchPrompt(TOKENS, `burst ${provider.name}`)),
    provider.pubkey,
  )
  const ids = requests.map((r) => r.id)
  const cpuBefore = await cpuSeconds(browser)
  probe.send(requests)
  await probe.waitForReplies(ids, Math.max(30_000, jobs * 100))
  const cpu = cpuSince(cpuBefore, await cpuSeconds(browser))
  const mainMs = main === undefined ? Number.NaN : (1000 * ((await main()) - main.start)) / jobs
  const done = ids.filter((id) => probe.timing(id)?.resultAt !== undefined)
  const failed = ids.filter((id) => probe.timing(id)?.resultAt === undefined)
  const reasons = [...new Set(failed.flatMap((id) => probe.timing(id)?.errors ?? []))]
  const first = Math.min(...ids.map((id) => probe.timing(id)?.sentAt ?? Infinity))
  const last = Math.max(...done.map((id) => probe.timing(id)?.resultAt ?? -Infinity))
  return {
    ids: done,
    cpuMsPerJob: {
      pageMainThread: mainMs,
      renderers: (1000 * cpu.renderers) / jobs,
      chromium: (1000 * cpu.chromium) / jobs,
      node: (1000 * cpu.node) / jobs,
    },
    jobsPerS: done.length / ((last - first) / 1000),
    failed: failed.length,
    reasons,
    latencies: latenciesOf(probe, done),
  }
}
