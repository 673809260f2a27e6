/**
 * An optional CPU profile of the engine worker over a phase's busy part, for finding where its
 * time goes: `BENCH_PROFILE=/tmp/flood.cpuprofile npx tsx bench/run.ts --only=flood`. The file
 * opens in Chromium's DevTools (Performance tab); the top functions by self time are printed.
 */
import { writeFile } from 'node:fs/promises'
import type { Browser, Page } from '@playwright/test'
import { openWorkerSession } from './worker-session.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

interface Session {
  send(method: string, params?: object): Promise<unknown>
}

/** Profiles `target` (the engine worker, or a page) until the returned stop is called. */
export const startProfile = async (worker: Session, what = 'engine worker', suffix = '') => {
  const base = process.env.BENCH_PROFILE
  if (!base) return async () => undefined
  const path = base + suffix
  await worker.send('Profiler.enable')
  await worker.send('Profiler.setSamplingInterval', { interval: 200 })
  await worker.send('Profiler.start')
  return async () => {
    const { profile } = (await worker.send('Profiler.stop')) as { profile: Profile }
    await writeFile(path, JSON.stringify(profile))
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
    const self = new Map<string, number>()
    profile.samples.forEach((id, i) => {
      const f = byNode.get(id)?.callFrame
      const name = f
        ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`
        : '?'
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
    })
    const total = [...self.values()].reduce((a, b) => a + b, 0)
    console.log(`${what} profile: ${Math.round(total)} ms sampled, written to ${path}`)
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`)
  }
}

/** The app's page and engine worker, both profiled (BENCH_PROFILE set) until the stop. */
export const profileApp = async (browser: Browser, page: Page) => {
  if (!process.env.BENCH_PROFILE) return async () => undefined
  const pageSession = await page.context().newCDPSession(page)
  const worker = await openWorkerSession(browser, new URL(page.url()).origin)
  const stops = [
    await startProfile(pageSession, 'page', '.page'),
    await startProfile(worker, 'engine worker', '.worker'),
  ]
  return async () => {
    for (const stop of stops) await stop()
    await worker.close()
    await pageSession.detach()
  }
}
