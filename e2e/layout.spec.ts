/**
 * Layout: panes keep their place across a reload, stay on screen when the window shrinks,
 * don't open exactly on top of each other, work as sheets on a phone; the app installs and
 * opens offline, saying why relays and Ollama can't be reached.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'
import { hotbar, openPane, pane, type PaneTitle } from '../fixtures/ui.ts'

const TITLES: PaneTitle[] = ['Sell Compute', 'Wallet', 'Job History', 'Models', 'Settings', 'Log']

const box = async (locator: Locator) => {
  const b = await locator.boundingBox()
  if (b === null) throw new Error('the element is not on screen')
  return { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.width), h: Math.round(b.height) }
}

const titleBar = (dialog: Locator) => dialog.getByRole('heading', { level: 2 })

const dragBy = async (page: Page, from: { x: number; y: number }, dx: number, dy: number) => {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 })
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 })
  await page.mouse.up()
}

const openTitles = async (page: Page): Promise<string[]> => {
  const open: string[] = []
  for (const title of TITLES) {
    const button = hotbar(page).getByRole('button', { name: title, exact: true })
    if ((await button.getAttribute('aria-pressed')) === 'true') open.push(title)
  }
  return open
}

test('open panes, their positions and sizes survive a reload', async ({ app, pageErrors }) => {
  const wallet = await openPane(app, 'Wallet')
  const before = await box(wallet)

  // Move it by its title bar, then make it bigger from its bottom right corner.
  const title = await box(titleBar(wallet))
  await dragBy(app, { x: title.x + 20, y: title.y + title.h / 2 }, -140, 70)
  const moved = await box(wallet)
  expect(moved).toMatchObject({ x: before.x - 140, y: before.y + 70, w: before.w, h: before.h })
  await dragBy(app, { x: moved.x + moved.w - 4, y: moved.y + moved.h - 4 }, 80, 50)
  const resized = await box(wallet)
  expect(resized.w).toBeGreaterThanOrEqual(moved.w + 70)
  expect(resized.h).toBeGreaterThanOrEqual(moved.h + 40)

  const sell = await box(pane(app, 'Sell Compute'))
  await app.reload()
  await expect(pane(app, 'Wallet')).toBeVisible()
  expect(await openTitles(app)).toEqual(['Sell Compute', 'Wallet'])
  expect(await box(pane(app, 'Wallet'))).toEqual(resized)
  expect(await box(pane(app, 'Sell Compute'))).toEqual(sell)
  expect(pageErrors).toEqual([])
})

test('a pane opened where another is open cascades instead of hiding it', async ({ app }) => {
  // Wallet and Settings both first open at the same place.
  const wallet = await box(await openPane(app, 'Wallet'))
  const settings = await box(await openPane(app, 'Settings'))
  expect(Math.abs(settings.x - wallet.x) >= 16 || Math.abs(settings.y - wallet.y) >= 16).toBe(true)
})

test('panes stay on screen when the window shrinks, and go back when it grows', async ({ app }) => {
  const log = await openPane(app, 'Log')
  await openPane(app, 'Job History')
  const logAtFullSize = await box(log)

  await app.setViewportSize({ width: 700, height: 520 })
  const desk = await box(app.getByRole('main'))
  for (const title of ['Sell Compute', 'Job History', 'Log'] as const) {
    const b = await box(pane(app, title))
    expect(b.x, title).toBeGreaterThanOrEqual(0)
    expect(b.y, title).toBeGreaterThanOrEqual(0)
    expect(b.x + b.w, title).toBeLessThanOrEqual(desk.w)
    expect(b.y + b.h, title).toBeLessThanOrEqual(desk.h)
    await expect(pane(app, title).getByRole('button', { name: `Close ${title}` })).toBeInViewport()
  }

  // Squeezing is the window's doing, not the person's: the stored place is kept.
  await app.setViewportSize({ width: 1280, height: 800 })
  await expect.poll(() => box(log)).toEqual(logAtFullSize)
})

test.describe('on a phone-width screen', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('each pane is a full-width sheet whose Close button works', async ({ app }) => {
    for (const title of TITLES) {
      const dialog = await openPane(app, title)
      const b = await box(dialog)
      expect(b.x, title).toBeGreaterThanOrEqual(0)
      expect(b.x + b.w, title).toBeLessThanOrEqual(390)
      expect(b.w, title).toBeGreaterThanOrEqual(360)
      const close = dialog.getByRole('button', { name: `Close ${title}` })
      await expect(close).toBeInViewport()
      await close.click()
      await expect(dialog).toBeHidden()
    }
    // Nothing is wider than the screen.
    const width = await app.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
  })

  test('sheets stack without overlapping; the one just opened is scrolled into view', async ({
    app,
  }) => {
    for (const title of TITLES) await openPane(app, title)
    const boxes = await Promise.all(TITLES.map((title) => box(pane(app, title))))
    for (const [i, b] of boxes.entries()) {
      const next = boxes[i + 1]
      if (next !== undefined) expect(next.y, TITLES[i]).toBeGreaterThanOrEqual(b.y + b.h)
    }
    const log = pane(app, 'Log')
    await expect(log).toBeFocused()
    await expect(log.getByRole('button', { name: 'Close Log' })).toBeInViewport()
    await expect(hotbar(app).getByRole('button', { name: 'Log', exact: true })).toBeInViewport()
  })
})

test('the shell opens offline from the service worker and says what cannot be reached', async ({
  app,
  context,
  pageErrors,
}) => {
  await app.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  const offline = app.getByRole('status').filter({ hasText: 'You are offline' })
  await expect(offline).toHaveCount(0)

  await context.setOffline(true)
  await app.reload()
  await expect(hotbar(app)).toBeVisible()
  // The shell came from the service worker: the network really is off for this document.
  const reach = () =>
    fetch(`/not-precached-${Date.now()}`).then(
      () => 'reached',
      () => 'failed',
    )
  expect(await app.evaluate(reach)).toBe('failed')
  // DevTools' offline emulation (what setOffline uses) blocks the network for every document
  // but, in Chromium 150, sets navigator.onLine and fires 'offline' only in the documents open
  // when it is switched on: the reloaded one starts with navigator.onLine true, which a device
  // that is really offline never reports. Switch it on again for this document, as the device
  // would have told it.
  const devtools = await context.newCDPSession(app)
  const emulateOffline = (offline: boolean) =>
    devtools.send('Network.emulateNetworkConditions', {
      offline,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
  await emulateOffline(true)
  expect(await app.evaluate(() => navigator.onLine)).toBe(false)
  await expect(offline).toBeVisible()
  await expect(offline).toContainText("relays and Ollama can't be reached")
  await expect(pane(app, 'Sell Compute')).toBeVisible()

  await emulateOffline(false)
  await context.setOffline(false)
  expect(await app.evaluate(() => navigator.onLine)).toBe(true)
  await expect(offline).toHaveCount(0)
  await devtools.detach()
  expect(pageErrors).toEqual([])
})

test('"Install app" shows only while the browser offers installation', async ({ app }) => {
  const install = hotbar(app).getByRole('button', { name: 'Install app' })
  await expect(hotbar(app).getByRole('button', { name: 'Sell Compute' })).toBeVisible()
  await expect(install).toHaveCount(0)

  // What Chromium fires when the app is installable; prompt() shows its install dialog.
  await app.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: () => {
        document.body.dataset.installPrompted = 'yes'
        return Promise.resolve({ outcome: 'accepted' })
      },
      userChoice: Promise.resolve({ outcome: 'accepted', platform: 'web' }),
    })
    window.dispatchEvent(offer)
  })
  await expect(install).toBeVisible()
  await install.click()
  await expect(app.locator('body')).toHaveAttribute('data-install-prompted', 'yes')
  // An offer is good for one prompt.
  await expect(install).toHaveCount(0)
})
