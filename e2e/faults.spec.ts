/**
 * Faults where the browser matters: two tabs and Web Locks, the engine worker dying, a
 * reload mid-job, IndexedDB blocked by another tab, and the page's own defences (CSP,
 * untrusted text only as text).
 */
import type { Page, Worker } from '@playwright/test'
import { expect, setupLink, test } from '../fixtures/test.ts'
import { goOnline, jobRows, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { engineIdle } from '../fixtures/engine-idle.ts'

const LONG_PROMPT = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')

const statusWord = async (page: Page, words: string) => {
  const sell = await openPane(page, 'Sell Compute')
  await expect(sell.getByText(words, { exact: true }).first()).toBeVisible({ timeout: 20_000 })
}

/** The app's engine worker (not the service worker, which Playwright lists elsewhere). */
const engineWorker = async (page: Page): Promise<Worker> => {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0)
  const worker = page.workers().find((w) => !/\bsw\.js|workbox/.test(w.url()))
  if (!worker) throw new Error(`no engine worker among ${page.workers().map((w) => w.url())}`)
  return worker
}

test('two tabs: exactly one serves, the other says so and takes over when the first closes', async ({
  app,
  appServer,
  relay,
  ollama,
  customer,
}) => {
  await goOnline(app)
  const second = await app.context().newPage()
  await second.goto(setupLink(appServer.url, relay.url, ollama.url))
  await statusWord(second, 'Serving in another tab')

  const first = await customer.sendRequest({ prompt: 'Which tab answers?' })
  await customer.waitForResult(first.id, 15_000)
  await engineIdle(app)
  await engineIdle(second)
  expect(customer.results(first.id)).toHaveLength(1)
  await statusWord(second, 'Serving in another tab')

  // Closing the serving tab releases its lock: the other tab serves from then on.
  await app.close()
  await statusWord(second, 'Online')
  const next = await customer.sendRequest({ prompt: 'And now?' })
  await customer.waitForResult(next.id, 15_000)
  await engineIdle(second)
  expect(customer.results(next.id)).toHaveLength(1)
  expect(customer.results(first.id)).toHaveLength(1)
  await second.close()
})

test('the engine worker dies mid-job: the UI notices, restarts it, the job is delivered once', async ({
  app,
  ollama,
  customer,
  pageErrors,
}) => {
  await goOnline(app)
  ollama.setTokenDelayMs(150)
  const request = await customer.sendRequest({ prompt: LONG_PROMPT })
  await customer.waitForFeedback(request.id, 'processing', 15_000)
  // The banner may be up only for a moment: record every alert the page shows.
  await app.evaluate(() => {
    const seen: string[] = ((window as unknown as { alerts: string[] }).alerts = [])
    new MutationObserver(() => {
      for (const a of document.querySelectorAll('[role=alert]')) seen.push(a.textContent ?? '')
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  // A worker closing itself is a death no event reports: only its silence tells.
  const worker = await engineWorker(app)
  const replaced = app.waitForEvent('worker', { timeout: 20_000 })
  ollama.setTokenDelayMs(2)
  await worker.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {})
  await replaced
  const alerts = () => app.evaluate(() => (window as unknown as { alerts: string[] }).alerts)
  await expect
    .poll(async () => (await alerts()).some((a) => a.includes('The engine stopped answering')))
    .toBe(true)
  const alert = app.getByRole('alert').filter({ hasText: 'The engine stopped answering' })
  await customer.waitForResult(request.id, 30_000)
  await expect(alert).toBeHidden({ timeout: 15_000 })
  await statusWord(app, 'Online')
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1, { timeout: 15_000 })
  await engineIdle(app)
  expect(customer.results(request.id)).toHaveLength(1)
  await expect(jobRows(history)).toHaveCount(1)
  expect(pageErrors).toEqual([])
})

test('reload while a job runs: the journal resumes it and it is delivered once', async ({
  app,
  ollama,
  customer,
}) => {
  await goOnline(app)
  ollama.setTokenDelayMs(150)
  const request = await customer.sendRequest({ prompt: LONG_PROMPT })
  await customer.waitForFeedback(request.id, 'processing', 15_000)
  ollama.setTokenDelayMs(2)
  await app.reload()
  await customer.waitForResult(request.id, 30_000)
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1, { timeout: 15_000 })
  await engineIdle(app)
  expect(customer.results(request.id)).toHaveLength(1)
  await expect(jobRows(history)).toHaveCount(1)
})

test('IndexedDB held open by an older tab: a clear message, not a hang', async ({
  page,
  appServer,
  relay,
  ollama,
}) => {
  // Another tab of this origin with the first version of the database, that will not let go.
  const older = await page.context().newPage()
  await older.goto(`${appServer.url}/favicon.svg`)
  await older.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sell-compute', 1)
        open.onupgradeneeded = () => {
          const jobs = open.result.createObjectStore('jobs', { keyPath: 'id' })
          jobs.createIndex('receivedAt', 'receivedAt')
          jobs.createIndex('state', 'state')
          open.result.createObjectStore('kv')
        }
        open.onsuccess = () => {
          ;(globalThis as { held?: IDBDatabase }).held = open.result
          resolve()
        }
        open.onerror = () => reject(open.error)
      }),
  )
  await page.goto(setupLink(appServer.url, relay.url, ollama.url))
  const alert = page.getByRole('alert').filter({ hasText: 'Close the other Sell Compute tabs' })
  await expect(alert).toBeVisible({ timeout: 15_000 })
  await older.close()
})

test('the built page: strict CSP, no inline script, untrusted text never runs', async ({
  app,
  appServer,
  customer,
}) => {
  const html = await (await app.request.get(`${appServer.url}/`)).text()
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]
  const csp = new Map(
    (meta ?? '')
      .replaceAll('&#39;', "'")
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values]),
  )
  // The page compiles no WebAssembly; only the engine worker's own policy allows it.
  expect(csp.get('script-src')).toEqual(["'self'"])
  expect(csp.get('default-src')).toEqual(["'self'"])
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'self'"])
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  expect(scripts.length).toBeGreaterThan(0)
  for (const [, attrs = '', body = ''] of scripts) {
    expect(attrs).toMatch(/\bsrc="\/[^"]+"/)
    expect(body.trim()).toBe('')
  }
  // The policy is enforced, not only written: an inline script is refused, and reported.
  const refused = await app.evaluate(async () => {
    const violations: string[] = []
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(e.effectiveDirective),
    )
    const s = document.createElement('script')
    s.textContent = 'window.inlineRan = true'
    document.head.append(s)
    await new Promise((r) => setTimeout(r, 200))
    return { ran: (window as unknown as { inlineRan?: boolean }).inlineRan === true, violations }
  })
  // Refused by both policies: the response header's and the <meta>'s.
  expect(refused).toEqual({ ran: false, violations: ['script-src-elem', 'script-src-elem'] })

  await goOnline(app)
  const prompt = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
  const request = await customer.sendRequest({ prompt })
  const result = await customer.waitForResult(request.id, 15_000)
  expect(result.content).toBe(`Echo: ${prompt}`)
  const history = await openPane(app, 'Job History')
  const open = history.getByRole('button', { name: `${request.id.slice(0, 8)}…` })
  await open.click()
  const details = history.locator(`#job-${request.id}-details`)
  await expect(details.getByText(prompt, { exact: true })).toBeVisible()
  await expect(details.getByText(`Echo: ${prompt}`, { exact: true })).toBeVisible()
  await expect(details.locator('img, script')).toHaveCount(0)
  expect(await app.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
})
