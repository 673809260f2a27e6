/**
 * Accessibility: axe finds no serious or critical problem on any pane, in either theme,
 * and the whole app works from the keyboard (hotbar, Ctrl+digit, Escape, focus return).
 */
import type { Page } from '@playwright/test'
import { seriousViolations } from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, hotbar, openPane, pane, PANE_TITLES } from '../fixtures/ui.ts'

const TITLES = PANE_TITLES

const closeAll = async (page: Page) => {
  for (const title of TITLES) {
    const button = hotbar(page).getByRole('button', { name: title, exact: true })
    if ((await button.getAttribute('aria-pressed')) === 'true') await button.click()
    await expect(pane(page, title)).toBeHidden()
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every pane passes axe in the ${colorScheme} theme`, async ({
    app,
    customer,
    pageErrors,
  }) => {
    test.setTimeout(120_000)
    await app.emulateMedia({ colorScheme })
    // The theme follows the system's preference.
    const used = await app.evaluate(() => getComputedStyle(document.documentElement).colorScheme)
    expect(used).toBe(colorScheme)
    // A job served, so Job History has rows and the Log has entries to check.
    await goOnline(app)
    const request = await customer.sendRequest({ prompt: 'Say hello' })
    await customer.waitForResult(request.id, 20_000)
    for (const title of TITLES) {
      await closeAll(app)
      const dialog = await openPane(app, title)
      // Let the pane settle: the engine's first snapshot fills most of them.
      await expect(dialog.getByText('Starting the engine…')).toBeHidden()
      expect(await seriousViolations(app), `${title} pane, ${colorScheme} theme`).toEqual([])
    }
    expect(pageErrors).toEqual([])
  })
}

test('the keyboard reaches everything: hotbar, shortcuts, Escape and focus return', async ({
  app,
}) => {
  const bar = hotbar(app)
  const sellButton = bar.getByRole('button', { name: 'Sell Compute', exact: true })
  const logButton = bar.getByRole('button', { name: 'Log', exact: true })

  // Arrow keys move along the toolbar; Enter opens the pane and the focus lands in it.
  await sellButton.focus()
  await app.keyboard.press('End')
  await expect(bar.getByRole('button', { name: 'Market', exact: true })).toBeFocused()
  await app.keyboard.press('ArrowLeft')
  await expect(logButton).toBeFocused()
  await app.keyboard.press('Enter')
  const log = pane(app, 'Log')
  await expect(log).toBeVisible()
  await expect(log).toBeFocused()

  // Tab moves into the pane's controls, each with a visible focus ring.
  await app.keyboard.press('Tab')
  const focused = app.locator(':focus')
  await expect(log.locator(':focus')).toHaveCount(1)
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).not.toBe('none')

  // Escape closes the pane the keyboard is in and gives the focus back to its hotbar slot.
  await app.keyboard.press('Escape')
  await expect(log).toBeHidden()
  await expect(logButton).toBeFocused()
  await expect(logButton).toHaveAttribute('aria-pressed', 'false')

  // Ctrl+digit toggles the pane in that slot, from anywhere.
  await app.keyboard.press('Control+3')
  await expect(pane(app, 'Job History')).toBeVisible()
  await expect(pane(app, 'Job History')).toBeFocused()
  await app.keyboard.press('Control+3')
  await expect(pane(app, 'Job History')).toBeHidden()

  // Escape while typing belongs to the field: the pane stays open.
  const settings = await openPane(app, 'Settings')
  await settings.getByRole('textbox', { name: 'Ollama URL' }).focus()
  await app.keyboard.press('Escape')
  await expect(settings).toBeVisible()
})
