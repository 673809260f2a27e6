/**
 * JS heap of the app after a forced garbage collection, for its page and its engine worker.
 * The page is reached through its own CDP session; the worker through the browser's session,
 * attached by target id (Playwright does not hand out CDP sessions for workers).
 */
import type { Browser, CDPSession, Page } from '@playwright/test'

export interface HeapSample {
  pageBytes: number
  workerBytes: number
}

interface Usage {
  usedSize: number
}

export const createHeapSampler = async (browser: Browser, page: Page, workerUrlPart: string) => {
  const pageSession: CDPSession = await page.context().newCDPSession(page)
  const browserSession = await browser.newBrowserCDPSession()
  const { targetInfos } = await browserSession.send('Target.getTargets')
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes(workerUrlPart))
  if (worker === undefined) throw new Error(`no worker target whose URL has ${workerUrlPart}`)
  const { sessionId } = await browserSession.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })
  let nextId = 1
  const waiting = new Map<number, (result: unknown) => void>()
  browserSession.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return
    const message = JSON.parse(e.message) as { id?: number; result?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message.result)
  })
  // Non-flattened sessions: commands to the worker travel inside Target.sendMessageToTarget.
  const toWorker = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++
      const timer = setTimeout(() => reject(new Error(`worker did not answer ${method}`)), 30_000)
      waiting.set(id, (result) => {
        clearTimeout(timer)
        waiting.delete(id)
        resolve(result)
      })
      void browserSession.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method }),
      })
    })

  return {
    sample: async (): Promise<HeapSample> => {
      await pageSession.send('HeapProfiler.collectGarbage')
      await toWorker('HeapProfiler.collectGarbage')
      const pageUsage = await pageSession.send('Runtime.getHeapUsage')
      const workerUsage = (await toWorker('Runtime.getHeapUsage')) as Usage
      return { pageBytes: pageUsage.usedSize, workerBytes: workerUsage.usedSize }
    },
    close: async () => {
      await browserSession.detach().catch(() => undefined)
      await pageSession.detach().catch(() => undefined)
    },
  }
}
