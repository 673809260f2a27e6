/**
 * A CDP session with the app's engine worker, reached through the browser's session and
 * attached by target id (Playwright does not hand out CDP sessions for workers).
 */
import type { Browser } from '@playwright/test'

export interface WorkerSession {
  send(method: string, params?: object): Promise<unknown>
  close(): Promise<void>
}

const ANSWER_TIMEOUT_MS = 60_000

export const openWorkerSession = async (
  browser: Browser,
  workerUrlPart: string,
): Promise<WorkerSession> => {
  const browserSession = await browser.newBrowserCDPSession()
  const { targetInfos } = await browserSession.send('Target.getTargets')
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes(workerUrlPart))
  if (worker === undefined) throw new Error(`no worker target whose URL has ${workerUrlPart}`)
  const { sessionId } = await browserSession.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })
  let nextId = 1
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>()
  browserSession.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return
    const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message)
  })
  return {
    // Non-flattened sessions: commands to the worker travel inside Target.sendMessageToTarget.
    send: (method, params = {}) =>
      new Promise<unknown>((resolve, reject) => {
        const id = nextId++
        const timer = setTimeout(
          () => reject(new Error(`worker did not answer ${method}`)),
          ANSWER_TIMEOUT_MS,
        )
        waiting.set(id, (message) => {
          clearTimeout(timer)
          waiting.delete(id)
          if (message.error !== undefined) {
            reject(new Error(`worker: ${method}: ${JSON.stringify(message.error)}`))
          } else resolve(message.result)
        })
        void browserSession.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
      }),
    close: () => browserSession.detach().catch(() => undefined),
  }
}
