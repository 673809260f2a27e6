/** Frame intervals in a page, from requestAnimationFrame, recorded between start and stop. */
import type { Page } from '@playwright/test'

interface FrameWindow {
  __benchFrames?: { intervals: number[]; running: boolean }
}

export const startFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as FrameWindow
    const rec = { intervals: [] as number[], running: true }
    w.__benchFrames = rec
    let last = performance.now()
    const tick = (now: number) => {
      rec.intervals.push(now - last)
      last = now
      if (rec.running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })

export const stopFrames = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const rec = (window as unknown as FrameWindow).__benchFrames
    if (rec === undefined) return []
    rec.running = false
    return rec.intervals
  })
