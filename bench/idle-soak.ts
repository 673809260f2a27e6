/**
 * Idle: the app online with no jobs for a minute, its browser's CPU time against a browser
 * with a blank page over the same minute (both read from Chromium's own process list).
 * Soak: 10,000 jobs in batches of 1,000, the app's JS heap (page + worker) after a forced GC
 * at each batch, its level at the end and its trend.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { LOAD_SETTINGS, openApp } from './app-page.ts'
import { cpuSeconds, cpuSince } from './cpu.ts'
import { launchBrowser, type BenchEnv } from './env.ts'
import { benchPrompt } from './fake-model.ts'
import { createHeapSampler, type HeapSample } from './heap.ts'
import type { Measures } from './measures.ts'
import { startProbe } from './probe.ts'
import { MB, round, slope } from './stats.ts'

const urls = (env: BenchEnv) => ({
  appUrl: env.app.url,
  relayUrl: env.relay.url,
  ollamaUrl: env.ollama.url,
})

export const runIdle = async (env: BenchEnv, seconds: number, measures: Measures) => {
  const [appBrowser, blankBrowser] = await Promise.all([launchBrowser(), launchBrowser()])
  try {
    await openApp(appBrowser, urls(env), {})
    await (await blankBrowser.newPage()).goto('about:blank')
    // Let the start settle: announcements, the first relay ping, layout.
    await sleep(5000)
    const before = await Promise.all([cpuSeconds(appBrowser), cpuSeconds(blankBrowser)])
    await sleep(seconds * 1000)
    const after = await Promise.all([cpuSeconds(appBrowser), cpuSeconds(blankBrowser)])
    const app = cpuSince(before[0], after[0])
    const blank = cpuSince(before[1], after[1])
    const share = (cpu: number) => round((100 * cpu) / seconds, 2)
    const add = (name: string, value: number, extra = {}) =>
      measures.add({ section: 'Idle', name, value, unit: '% of a core', ...extra })
    add(
      `online, no jobs, ${seconds} s: app browser minus blank browser`,
      share(app.chromium - blank.chromium),
      {
        budget: { op: '<=', limit: 1 },
        note: 'all Chromium processes (renderer with the engine worker, browser, network, GPU)',
      },
    )
    add('online, no jobs: app renderer process (page + engine worker)', share(app.renderers))
    add('blank page browser, same window (subtracted above)', share(blank.chromium))
    measures.detail('idle', { seconds, app, blank })
  } finally {
    await Promise.all([appBrowser.close(), blankBrowser.close()])
  }
}

const BATCH = 1000
/** A trend under this is what bounded caches (1,000 log lines, 20,000 seen ids) add while filling. */
const TREND_BUDGET_MB_PER_1000 = 0.5

export const runSoak = async (
  env: BenchEnv,
  scale: { soakJobs: number; concurrency: number },
  measures: Measures,
) => {
  const jobs = scale.soakJobs
  const app = await openApp(env.browser, urls(env), {
    ...LOAD_SETTINGS,
    concurrency: scale.concurrency,
  })
  const probe = await startProbe(env.relay.url)
  const heap = await createHeapSampler(env.browser, app.page, env.app.url)
  const samples: (HeapSample & { jobs: number })[] = [{ jobs: 0, ...(await heap.sample()) }]
  let failed = 0
  try {
    for (let done = 0; done < jobs; done += BATCH) {
      const count = Math.min(BATCH, jobs - done)
      const prompts = Array.from({ length: count }, () => benchPrompt(4, `soak ${done}`))
      const requests = probe.sign(prompts, app.pubkey)
      probe.send(requests)
      await probe.waitForReplies(
        requests.map((r) => r.id),
        300_000,
      )
      failed += requests.filter((r) => probe.timing(r.id)?.resultAt === undefined).length
      await sleep(1000)
      samples.push({ jobs: done + count, ...(await heap.sample()) })
    }
  } finally {
    await heap.close()
    probe.close()
    await app.close()
  }
  const total = (s: HeapSample) => (s.pageBytes + s.workerBytes) / MB
  const last = samples.at(-1) as HeapSample & { jobs: number }
  const trend = slope(
    samples.map((s) => s.jobs / 1000),
    samples.map(total),
  )
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: 'Soak', name, value: round(value, 2), unit, ...extra })
  add(`JS heap after ${last.jobs.toLocaleString('en')} jobs (page + worker)`, total(last), 'MB', {
    budget: { op: '<=', limit: 100 },
    note: 'after a forced GC in both',
  })
  add('  of which the page (UI)', last.pageBytes / MB, 'MB')
  add('  of which the engine worker', last.workerBytes / MB, 'MB')
  add('heap trend (least squares over samples every 1,000 jobs)', trend, 'MB per 1,000 jobs', {
    budget: { op: '<=', limit: TREND_BUDGET_MB_PER_1000 },
    note: 'no growth: at most what the bounded caches add while they fill',
  })
  add('jobs failed in the soak', failed, 'jobs', { budget: { op: '<=', limit: 0 } })
  measures.detail('soak', { samples })
}
