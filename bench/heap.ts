/**
 * JS heap of the app after a forced garbage collection, for its page and its engine worker.
 * The page is reached through its own CDP session; the worker through worker-session.ts.
 */
import type { Browser, CDPSession, Page } from '@playwright/test'
import { openWorkerSession } from './worker-session.ts'

export interface HeapSample {
  pageBytes: number
  workerBytes: number
}

interface Usage {
  usedSize: number
}

export const createHeapSampler = async (browser: Browser, page: Page, workerUrlPart: string) => {
  const pageSession: CDPSession = await page.context().newCDPSession(page)
  const worker = await openWorkerSession(browser, workerUrlPart)
  return {
    sample: async (): Promise<HeapSample> => {
      await pageSession.send('HeapProfiler.collectGarbage')
      await worker.send('HeapProfiler.collectGarbage')
      const pageUsage = await pageSession.send('Runtime.getHeapUsage')
      const workerUsage = (await worker.send('Runtime.getHeapUsage')) as Usage
      return { pageBytes: pageUsage.usedSize, workerBytes: workerUsage.usedSize }
    },
    close: async () => {
      await worker.close()
      await pageSession.detach().catch(() => undefined)
    },
  }
}
