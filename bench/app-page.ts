/**
 * The real app in the bench's browser, set up as a person would (a setup link, then Go Online)
 * plus the engine settings the Settings form does not show (jobs at once, queue size, rate
 * limit), written into the app's own settings record before its worker reads it.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { decode } from 'nostr-tools/nip19'
import { setupLink } from '../fixtures/setup-link.ts'
import { newContext } from './env.ts'

const READY_TIMEOUT_MS = 30_000

/** Engine settings for load: no per-customer rate limit and a queue that never refuses. */
export const LOAD_SETTINGS = {
  queueCapacity: 1_000_000,
  rateLimitPerMinute: 1_000_000_000,
}

export interface AppSession {
  context: BrowserContext
  page: Page
  pubkey: string
  goOnline(): Promise<void>
  goOffline(): Promise<void>
  close(): Promise<void>
}

export const sellPane = (page: Page) =>
  page.getByRole('dialog', { name: 'Sell Compute', exact: true })

export const waitOllamaReady = (page: Page) =>
  sellPane(page)
    .getByRole('group', { name: 'Ollama', exact: true })
    .getByText('Ready', { exact: true })
    .waitFor({ timeout: READY_TIMEOUT_MS })

/** Merge fields into the settings record in IndexedDB (database 'sell-compute', store kv). */
export const writeSettings = (page: Page, patch: Record<string, unknown>) =>
  page.evaluate(
    (fields) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sell-compute')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction('kv', 'readwrite')
          const kv = tx.objectStore('kv')
          const get = kv.get('settings')
          get.onsuccess = () => kv.put({ ...(get.result as object), ...fields }, 'settings')
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    patch,
  )

const goOnline = async (page: Page) => {
  await waitOllamaReady(page)
  const pane = sellPane(page)
  await pane.getByRole('button', { name: 'Go Online', exact: true }).click()
  await pane.getByRole('status').getByText('Online', { exact: true }).waitFor()
}

const goOffline = async (page: Page) => {
  const pane = sellPane(page)
  await pane.getByRole('button', { name: 'Go Offline', exact: true }).click()
  await pane.getByRole('status').getByText('Offline', { exact: true }).waitFor()
}

/** Open the app on the bench's relay and Ollama, apply `settings`, and go online. */
export const openApp = async (
  browser: Browser,
  env: { appUrl: string; relayUrl: string; ollamaUrl: string },
  settings: Record<string, unknown>,
  o: { online?: boolean } = {},
): Promise<AppSession> => {
  const context = await newContext(browser)
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`app page error: ${e.message}`))
  await page.goto(setupLink(env.appUrl, env.relayUrl, env.ollamaUrl))
  // The app drops the setup link from the address bar once it saved those settings.
  await page.waitForURL((url) => !url.search.includes('relays='), { timeout: READY_TIMEOUT_MS })
  await writeSettings(page, settings)
  await page.reload()
  await waitOllamaReady(page)
  const npub = await sellPane(page).locator('[title^="npub1"]').first().getAttribute('title')
  const decoded = decode(npub ?? '')
  if (decoded.type !== 'npub') throw new Error(`the app shows no npub (saw ${npub})`)
  if (o.online !== false) await goOnline(page)
  return {
    context,
    page,
    pubkey: decoded.data,
    goOnline: () => goOnline(page),
    goOffline: () => goOffline(page),
    close: () => context.close(),
  }
}
