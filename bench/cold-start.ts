/**
 * Cold start: a first visit (fresh profile: no cache, no service worker, empty IndexedDB)
 * through a setup link, timed to "Ollama ready" and, pressing Go Online at once, to "Online";
 * then a reload of a provider that was online, which goes online by itself.
 */
import type { Page } from '@playwright/test'
import { setupLink } from '../fixtures/setup-link.ts'
import { newContext, type BenchEnv } from './env.ts'
import type { Measures } from './measures.ts'
import { watchStartup, type StartupTimes } from './page-probes.ts'
import { median, round } from './stats.ts'

const SECTION = 'Cold start'

const startupTimes = async (page: Page): Promise<StartupTimes & { fcp?: number }> => {
  const handle = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __benchStart: StartupTimes }).__benchStart
      return t.onlineAt !== undefined && t
    },
    undefined,
    { timeout: 60_000 },
  )
  const times = (await handle.jsonValue()) as StartupTimes
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
  )
  return { ...times, ...(fcp !== undefined ? { fcp } : {}) }
}

export const runColdStart = async (env: BenchEnv, runs: number, measures: Measures) => {
  const first: (StartupTimes & { fcp?: number })[] = []
  const again: (StartupTimes & { fcp?: number })[] = []
  for (let i = 0; i < runs; i++) {
    const context = await newContext(env.browser)
    try {
      const page = await context.newPage()
      await page.addInitScript(watchStartup)
      await page.goto(setupLink(env.app.url, env.relay.url, env.ollama.url))
      first.push(await startupTimes(page))
      // A provider that was online comes back online by itself after a reload.
      await page.reload()
      again.push(await startupTimes(page))
    } finally {
      await context.close()
    }
  }
  const med = (list: (StartupTimes & { fcp?: number })[], key: keyof StartupTimes | 'fcp') =>
    round(median(list.map((t) => t[key] ?? Number.NaN)), 1)
  const add = (name: string, value: number, note?: string) =>
    measures.add({ section: SECTION, name, value, unit: 'ms', ...(note ? { note } : {}) })
  const of = `median of ${runs}, from navigation start`
  add('first visit: first contentful paint', med(first, 'fcp'), of)
  add('first visit: page load to "Ollama ready"', med(first, 'ollamaReadyAt'), of)
  add('first visit: page load to "Online" (Go Online pressed at once)', med(first, 'onlineAt'), of)
  add('reload while online: page load to "Ollama ready"', med(again, 'ollamaReadyAt'), of)
  add('reload while online: page load to "Online" (by itself)', med(again, 'onlineAt'), of)
  measures.detail('coldStart', { first, again })
}
