/**
 * CPU time as the operating system counts it: every process of a Chromium (from its own
 * process list, over CDP) and this Node process (the relay thread, the fake Ollama, the probe).
 */
import type { Browser } from '@playwright/test'

interface ProcessInfo {
  type: string
  id: number
  cpuTime: number
}

export interface CpuSeconds {
  /** Renderer processes: the pages and their workers. */
  renderers: number
  /** Every Chromium process: renderers, browser, network, storage, GPU. */
  chromium: number
  node: number
}

export const cpuSeconds = async (browser: Browser): Promise<CpuSeconds> => {
  const session = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: ProcessInfo[]
    }
    const sum = (list: ProcessInfo[]) => list.reduce((s, p) => s + p.cpuTime, 0)
    const usage = process.cpuUsage()
    return {
      renderers: sum(processInfo.filter((p) => p.type === 'renderer')),
      chromium: sum(processInfo),
      node: (usage.user + usage.system) / 1e6,
    }
  } finally {
    await session.detach()
  }
}

export const cpuSince = (before: CpuSeconds, after: CpuSeconds): CpuSeconds => ({
  renderers: after.renderers - before.renderers,
  chromium: after.chromium - before.chromium,
  node: after.node - before.node,
})
