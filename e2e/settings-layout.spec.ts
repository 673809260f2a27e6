/**
 * Settings' layout at desk and phone width (issue 17 point 10): every checkbox sits beside its
 * words, and fields side by side keep their boxes level however their labels wrap.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'
import { openPane } from '../fixtures/ui.ts'

const box = async (l: Locator) => {
  const b = await l.boundingBox()
  if (b === null) throw new Error('not rendered')
  return b
}

for (const size of [
  { width: 1400, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`Settings keeps its grid at ${size.width} px`, async ({ app }) => {
    await app.setViewportSize(size)
    const settings = await openPane(app, 'Settings')

    const checkboxes = settings.getByRole('checkbox')
    // The form renders once the settings are read: wait for it, then count.
    await expect(checkboxes.nth(3)).toBeVisible()
    for (const checkbox of await checkboxes.all()) {
      await checkbox.scrollIntoViewIfNeeded()
      // The label the box belongs to is the one that names it.
      const name = await checkbox.evaluate(
        (el) => (el as HTMLInputElement).labels?.[0]?.textContent,
      )
      const label = settings.getByText(name ?? '', { exact: true })
      const [b, l] = [await box(checkbox), await box(label)]
      // Just left of its words, level with their first line.
      expect(l.x - (b.x + b.width), `gap before "${name}"`).toBeGreaterThanOrEqual(0)
      expect(l.x - (b.x + b.width), `gap before "${name}"`).toBeLessThanOrEqual(12)
      expect(Math.abs(b.y + b.height / 2 - (l.y + 10)), `"${name}" level`).toBeLessThanOrEqual(6)
    }

    // Boxes that share a line of the grid share their top, whatever their labels wrap to.
    const spinbuttons = await settings.getByRole('spinbutton').all()
    const places = await Promise.all(spinbuttons.map(box))
    for (let i = 0; i < places.length; i++) {
      for (let j = i + 1; j < places.length; j++) {
        const [a, b] = [places[i]!, places[j]!]
        const sideBySide = a.x !== b.x && Math.abs(a.y - b.y) < 60
        if (sideBySide) expect(Math.abs(a.y - b.y), `spinbuttons ${i} and ${j}`).toBeLessThan(1)
      }
    }
    // No label is wider than the pane.
    const overflowing = await settings.evaluate((el) =>
      [...el.querySelectorAll('label')]
        .filter((l) => l.scrollWidth > l.clientWidth + 1)
        .map((l) => l.textContent),
    )
    expect(overflowing).toEqual([])
  })
}
