/**
 * Runs the baseline provider in the bench's browser: a page on its own origin starts the
 * bundled worker, and Node drives it through page.evaluate.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { serveApp, type AppServer } from '../fixtures/serve-app.ts'
import { buildBaseline, tempDir } from './build.ts'
import { newContext } from './env.ts'

// The page keeps one worker and turns its replies into promises, one kind of reply each.
const PAGE = `<!doctype html><meta charset="utf-8"><title>baseline provider</title>
<script type="module">
const worker = new Worker('/baseline-provider.js', { type: 'module', name: 'baseline-provider' })
const waiting = new Map()
worker.onmessage = (e) => { waiting.get(e.data.type)?.(e.data); waiting.delete(e.data.type) }
window.baseline = (command, replyType) => new Promise((resolve) => {
  waiting.set(replyType, resolve)
  worker.postMessage(command)
})
</script>`

export interface WorkerCosts {
  /** Pure JS (nostr-tools/pure), as the baseline signs and verifies. */
  signMs: number
  verifyMs: number
  /** libsecp256k1 in wasm (nostr-tools/wasm), as the app does once it has loaded. */
  signWasmMs: number
  verifyWasmMs: number
  /** One put in its own readwrite transaction, as the engine journals a job's step. */
  putMs: number
  getMs: number
}

export interface Baseline {
  pubkey: string
  page: Page
  /** Serve again after stop, subscribing from now on. */
  start(): Promise<void>
  /** Stop serving (the worker stays, idle). */
  stop(): Promise<void>
  /** ms per signature, verification, and one-record IndexedDB transaction in this browser's worker. */
  costs(samples: number): Promise<WorkerCosts>
  close(): Promise<void>
}

type Call = (command: unknown, replyType: string) => Promise<Record<string, unknown>>

export const startBaseline = async (
  browser: Browser,
  o: { relay: string; ollama: string; model: string },
): Promise<Baseline> => {
  const dir = await buildBaseline(await tempDir('baseline'))
  await writeFile(join(dir, 'index.html'), PAGE)
  const server: AppServer = await serveApp({ dir })
  const context: BrowserContext = await newContext(browser)
  const page = await context.newPage()
  await page.goto(server.url)
  await page.waitForFunction(() => 'baseline' in window)
  const call = (command: unknown, replyType: string) =>
    page.evaluate(([c, r]) => (window as unknown as { baseline: Call }).baseline(c, r as string), [
      command,
      replyType,
    ] as const)
  const start = async () => {
    const started = await call({ type: 'start', ...o }, 'started')
    if (started.error !== undefined) throw new Error(`baseline: ${String(started.error)}`)
    return String(started.pubkey)
  }
  const pubkey = await start()
  return {
    pubkey,
    page,
    start: async () => {
      await start()
    },
    stop: async () => {
      await call({ type: 'stop' }, 'stopped')
    },
    costs: async (samples) => {
      const r = await call({ type: 'costs', samples }, 'costs')
      const n = (k: string) => Number(r[k])
      return {
        signMs: n('signMs'),
        verifyMs: n('verifyMs'),
        signWasmMs: n('signWasmMs'),
        verifyWasmMs: n('verifyWasmMs'),
        putMs: n('putMs'),
        getMs: n('getMs'),
      }
    },
    close: async () => {
      await context.close()
      await server.stop()
    },
  }
}
