/**
 * Nothing is lost by closing Settings (issue 17 point 3): edits are marked unsaved, Save stays
 * in reach, and every way of closing the pane asks first. A first run says it sells for free.
 */
import { expectAxeCleanInBothThemes } from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/test.ts'
import { hotbar, openPane, pane } from '../fixtures/ui.ts'

test('Settings marks unsaved changes, keeps Save in reach, and asks before closing', async ({
  app,
  pageErrors,
}) => {
  const settings = await openPane(app, 'Settings')
  const price = settings.getByRole('spinbutton', { name: 'Price per job (sats)' })
  const save = settings.getByRole('button', { name: 'Save', exact: true })
  const unsaved = settings.getByText('Unsaved changes', { exact: true })
  await expect(price).toHaveValue('0')
  await expect(unsaved).toBeHidden()

  await price.fill('21')
  await expect(unsaved).toBeVisible()
  // Save is in view at the top of the form and at its far end.
  await expect(save).toBeInViewport()
  await settings.getByRole('textbox', { name: 'Lightning address' }).focus()
  await expect(save).toBeInViewport()
  await price.focus()
  await expect(save).toBeInViewport()

  // The close button asks; keeping the edit leaves the pane and the typed price as they were.
  await settings.getByRole('button', { name: 'Close Settings' }).click()
  const ask = app.getByRole('alertdialog', { name: 'Close Settings with unsaved changes?' })
  await expect(ask).toBeVisible()
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused()
  await expectAxeCleanInBothThemes(app, 'Settings asking before it closes')
  await ask.getByRole('button', { name: 'Keep editing' }).click()
  await expect(ask).toBeHidden()
  await expect(settings).toBeVisible()
  await expect(price).toHaveValue('21')

  // The hotbar and Ctrl+5 ask too; Escape answers the question, not the pane.
  await hotbar(app).getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(ask).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(ask).toBeHidden()
  await expect(settings).toBeVisible()
  await app.keyboard.press('Control+5')
  await expect(ask).toBeVisible()

  // Discarding closes it; opened again it shows what is saved, with nothing unsaved.
  await ask.getByRole('button', { name: 'Discard and close' }).click()
  await expect(pane(app, 'Settings')).toBeHidden()
  await expect(hotbar(app).getByRole('button', { name: 'Settings', exact: true })).toBeFocused()
  const again = await openPane(app, 'Settings')
  await expect(again.getByRole('spinbutton', { name: 'Price per job (sats)' })).toHaveValue('0')
  await expect(again.getByText('Unsaved changes', { exact: true })).toBeHidden()

  // Saved edits are not "unsaved": the pane closes without a question.
  await again.getByRole('spinbutton', { name: 'Price per job (sats)' }).fill('21')
  await again.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(again.getByText('Saved', { exact: true })).toBeVisible()
  await expect(again.getByText('Unsaved changes', { exact: true })).toBeHidden()
  await again.getByRole('button', { name: 'Close Settings' }).click()
  await expect(pane(app, 'Settings')).toBeHidden()
  await expect(ask).toBeHidden()
  expect(pageErrors).toEqual([])
})

test('a first run says it sells for free, not that a wallet is "not needed"', async ({ app }) => {
  const sell = await openPane(app, 'Sell Compute')
  const walletLine = sell.getByRole('group', { name: 'Wallet' })
  await expect(walletLine).toContainText('You are selling for free')
  await expect(walletLine).toContainText('To earn sats, set a price in Settings')
  await expect(walletLine).not.toContainText('Not needed')

  const wallet = await openPane(app, 'Wallet')
  await expect(
    wallet.getByRole('region', { name: 'Wallet status' }).getByRole('status'),
  ).toHaveText('You are selling for free')

  const settings = await openPane(app, 'Settings')
  await expect(settings.getByText(/^You are selling for free: both prices are 0/)).toBeVisible()
  await expectAxeCleanInBothThemes(app, 'a first run, selling for free')

  // With a price saved, the free words go.
  await settings.getByRole('spinbutton', { name: 'Price per job (sats)' }).fill('5')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved', { exact: true })).toBeVisible()
  await expect(settings.getByText(/You are selling for free/)).toHaveCount(0)
  await expect(walletLine).not.toContainText('You are selling for free')
})
