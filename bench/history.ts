/**
 * History phase: 100,000 completed jobs in the app's IndexedDB, then the Job History pane:
 * rows painted after a reload, the pane opened by a click, and frame times while scrolling.
 */
import { STATUS_WORDS } from '../src/shared/job-state.ts'
import { jobRows, pane } from '../fixtures/ui.ts'
import { openApp } from './app-page.ts'
import type { BenchEnv } from './env.ts'
import { writeJobBatch } from './history-records.ts'
import type { Measures } from './measures.ts'
import {
  armPaneOpenTimer,
  paneOpenMs,
  scrollFrames,
  watchHistoryRows,
  type PaintTimes,
} from './page-probes.ts'
import { median, percentile, round } from './stats.ts'

const SECTION = 'History'
const BATCH = 2000
const OPENS = 5
const SCROLL_FRAMES = 300
const FRAME_MS = 1000 / 60

export const runHistory = async (env: BenchEnv, jobs: number, measures: Measures) => {
  const words = Object.values(STATUS_WORDS)
  const app = await openApp(
    env.browser,
    { appUrl: env.app.url, relayUrl: env.relay.url, ollamaUrl: env.ollama.url },
    {},
    { online: false },
  )
  const { page } = app
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value: round(value, 2), unit, ...extra })
  try {
    let writeMs = 0
    const newestAt = Date.now()
    for (let start = 0; start < jobs; start += BATCH) {
      const count = Math.min(BATCH, jobs - start)
      writeMs += await writeJobBatch(page, { start, count, newestAt, total: jobs })
    }
    add(`jobs written (${jobs.toLocaleString('en')})`, jobs / (writeMs / 1000), 'jobs/s', {
      note: `page IndexedDB puts, ${BATCH} per transaction; the engine's own path is one transaction per step (see Pipeline)`,
    })

    // Open the pane so the layout keeps it open, then time a reload that paints its rows.
    const hotbarButton = page
      .getByRole('toolbar', { name: 'Hotbar' })
      .getByRole('button', { name: 'Job History', exact: true })
    await hotbarButton.click()
    await app.context.addInitScript(watchHistoryRows, words)
    await page.reload()
    const handle = await page.waitForFunction(
      () =>
        (window as unknown as { __benchRows: PaintTimes }).__benchRows.paintedAt !== undefined &&
        (window as unknown as { __benchRows: PaintTimes }).__benchRows,
      undefined,
      { timeout: 60_000 },
    )
    const cold = (await handle.jsonValue()) as PaintTimes
    add('reload to job rows painted', cold.paintedAt ?? Number.NaN, 'ms', {
      note: 'from navigation start, with the pane open: engine start, history query, render',
    })

    const opens: number[] = []
    for (let i = 0; i < OPENS; i++) {
      await hotbarButton.click()
      await pane(page, 'Job History').waitFor({ state: 'hidden' })
      await armPaneOpenTimer(page, words)
      await hotbarButton.click()
      opens.push(await paneOpenMs(page))
    }
    const rows = await jobRows(pane(page, 'Job History')).count()
    add('Job History opened to rows painted, median', median(opens), 'ms', {
      budget: { op: '<=', limit: 150 },
      note: `click to the frame that shows the rows, ${OPENS} opens; the pane lists the newest ${rows} jobs`,
    })

    const { intervals } = await scrollFrames(page, SCROLL_FRAMES, 60)
    add('scrolling frame time p50', percentile(intervals, 50), 'ms')
    add('scrolling frame time p99', percentile(intervals, 99), 'ms')
    add('scrolling frame time max', Math.max(...intervals), 'ms')
    add(
      'scrolling frames over 1.5 frames (25 ms)',
      (100 * intervals.filter((f) => f > 1.5 * FRAME_MS).length) / intervals.length,
      '%',
    )
    measures.detail('history', { jobs, writeMs, cold, opens, rows, intervals })
  } finally {
    await app.close()
  }
}
