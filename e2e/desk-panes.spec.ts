/**
 * The desk (issue 17 point 12): opening every pane hides none of them, the hotbar shows only
 * slots that do something, and the provider's secret key shows only after a second yes.
 */
import type { Page } from '@playwright/test'
import { expectAxeCleanInBothThemes } from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/test.ts'
import { hotbar, openPane, pane, PANE_TITLES } from '../fixtures/ui.ts'

const TITLES = PANE_TITLES

/** How many pixels of each pane's title bar are on top (not under another pane), by title. */
const visibleTitles = (page: Page) =>
  page.evaluate((titles) => {
    const shown: Record<string, number> = {}
    for (const title of titles) {
      const heading = [...document.querySelectorAll('[role="dialog"] h2')].find(
        (h) => h.textContent === title,
      )
      const dialog = heading?.closest('[role="dialog"]')
      const bar = heading?.parentElement?.getBoundingClientRect()
      if (dialog == null || bar === undefined) continue
      let px = 0
      for (let x = Math.max(0, bar.left); x < Math.min(innerWidth, bar.right); x += 4) {
        const hit = document.elementFromPoint(x, bar.top + bar.height / 2)
        if (hit !== null && dialog.contains(hit)) px += 4
      }
      shown[title] = px
    }
    return shown
  }, TITLES)

for (const size of [
  { width: 1400, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  test(`opening all seven panes at ${size.width}x${size.height} hides none`, async ({ app }) => {
    await app.setViewportSize(size)
    for (const title of TITLES) await openPane(app, title)
    const shown = await visibleTitles(app)
    expect(Object.keys(shown)).toHaveLength(TITLES.length)
    for (const title of TITLES) {
      expect(shown[title], `${title}'s title bar in view`).toBeGreaterThanOrEqual(96)
    }
    // Each pane fits the desk: its bottom edge stays above the hotbar.
    const bar = await hotbar(app).boundingBox()
    for (const title of TITLES) {
      const b = await pane(app, title).boundingBox()
      expect(b !== null && b.y + b.height <= (bar?.y ?? size.height), title).toBe(true)
    }
  })
}

test('the hotbar shows only slots that open a pane', async ({ app }) => {
  const bar = hotbar(app)
  await expect(bar.getByRole('button')).toHaveCount(TITLES.length)
  for (const [i, title] of TITLES.entries()) {
    const button = bar.getByRole('button', { name: title, exact: true })
    await expect(button).toHaveAttribute('title', new RegExp(`\\+${i + 1}\\)$`))
  }
  // Nothing in the bar is there without a name or a purpose.
  const unnamed = await bar.evaluate((el) =>
    [...el.children].filter((c) => c.tagName !== 'BUTTON').map((c) => c.outerHTML),
  )
  expect(unnamed).toEqual([])
})

test('"Export key" asks before it shows the secret key', async ({ app }) => {
  const settings = await openPane(app, 'Settings')
  const exportKey = settings.getByRole('button', { name: 'Export key' })
  const secret = settings.getByRole('textbox', { name: 'Secret key (nsec)' })
  const ask = settings.getByRole('group', { name: "Show the provider's secret key on screen?" })

  await exportKey.click()
  await expect(ask).toBeVisible()
  await expect(secret).toHaveCount(0)
  await expect(ask.getByRole('button', { name: 'Keep it hidden' })).toBeFocused()
  await expectAxeCleanInBothThemes(app, 'Export key asking')
  await ask.getByRole('button', { name: 'Keep it hidden' }).click()
  await expect(ask).toBeHidden()
  await expect(secret).toHaveCount(0)
  await expect(exportKey).toBeFocused()

  await exportKey.click()
  await ask.getByRole('button', { name: 'Show secret key' }).click()
  await expect(secret).toHaveValue(/^nsec1[02-9ac-hj-np-z]{58}$/)
  await settings.getByRole('button', { name: 'Hide key' }).click()
  await expect(secret).toHaveCount(0)
})
