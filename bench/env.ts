/**
 * Everything a bench phase talks to, on 127.0.0.1 ephemeral ports: the test relay, the fake
 * Ollama, the built app, and one headless Chromium launched as the e2e tests launch it.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import playwrightConfig from '../playwright.config.ts'
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.ts'
import { serveApp, type AppServer } from '../fixtures/serve-app.ts'
import { benchReply } from './fake-model.ts'
import { startRelayThread, type RelayThread, type RelayVerify } from './relay-thread.ts'

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: true })

/**
 * A browser context for the bench. tsx compiles the bench with esbuild's keepNames, which
 * wraps named functions in a `__name` helper; functions sent to the page need it there too.
 */
export const newContext = async (browser: Browser): Promise<BrowserContext> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript({ content: 'globalThis.__name = (f) => f' })
  return context
}

export interface BenchEnv {
  /** The app built into a temporary folder for this run. */
  distDir: string
  relay: RelayThread
  ollama: FakeOllama
  app: AppServer
  browser: Browser
  stop(): Promise<void>
}

export const startEnv = async (distDir: string, verify: RelayVerify): Promise<BenchEnv> => {
  const relay = await startRelayThread(verify)
  // "Instant" mode: no delay between tokens; the streaming phase sets a fixed rate.
  const ollama = await startFakeOllama({ tokenDelayMs: 0, reply: benchReply })
  const app = await serveApp({ dir: distDir })
  const browser = await launchBrowser()
  return {
    distDir,
    relay,
    ollama,
    app,
    browser,
    stop: async () => {
      await browser.close().catch(() => undefined)
      await Promise.all([app.stop(), ollama.stop(), relay.stop()])
    },
  }
}
