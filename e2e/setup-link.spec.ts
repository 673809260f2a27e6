/**
 * Setup links cannot rewire a provider: a link sent to someone who already has settings
 * shows what it would change and applies nothing until they say yes. A first run still takes
 * the demo's link by itself.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'
import { openPane } from '../fixtures/ui.ts'

const HOSTILE_OLLAMA = 'http://203.0.113.7:11434'
const HOSTILE_RELAY = 'wss://relay.attacker.example'

const hostileLink = (appUrl: string) =>
  `${appUrl}/?relays=${encodeURIComponent(HOSTILE_RELAY)}&ollama=${encodeURIComponent(HOSTILE_OLLAMA)}`

const review = (page: Page) =>
  page.getByRole('alertdialog', { name: 'This link would change your settings' })

const expectSettings = async (page: Page, relays: string, ollamaUrl: string) => {
  const settings = await openPane(page, 'Settings')
  await expect(settings.getByRole('textbox', { name: 'Relays', exact: true })).toHaveValue(relays)
  await expect(settings.getByRole('textbox', { name: 'Ollama URL', exact: true })).toHaveValue(
    ollamaUrl,
  )
}

test('a first run applies the demo link by itself, with nothing to confirm', async ({
  app,
  relay,
  ollama,
}) => {
  await expectSettings(app, relay.url, ollama.url)
  await expect(app).not.toHaveURL(/[?&](relays|ollama)=/)
  await expect(review(app)).toHaveCount(0)
})

test('a hostile link opened by a provider with saved settings changes nothing until confirmed', async ({
  app,
  appServer,
  relay,
  ollama,
}) => {
  await expectSettings(app, relay.url, ollama.url)

  await app.goto(hostileLink(appServer.url))
  const dialog = review(app)
  await expect(dialog).toBeVisible()
  await expect(app).not.toHaveURL(/[?&](relays|ollama)=/)
  // Old beside new, and a plain warning about the Ollama that is not on this computer.
  const ollamaRow = dialog.getByRole('row', { name: /Ollama URL/ })
  await expect(ollamaRow.getByRole('cell').nth(0)).toHaveText(ollama.url)
  await expect(ollamaRow.getByRole('cell').nth(1)).toHaveText(HOSTILE_OLLAMA)
  const relaysRow = dialog.getByRole('row', { name: /Relays/ })
  await expect(relaysRow.getByRole('cell').nth(0)).toHaveText(relay.url)
  await expect(relaysRow.getByRole('cell').nth(1)).toHaveText(HOSTILE_RELAY)
  await expect(dialog).toHaveAccessibleDescription(/is not on this computer/)
  await expect(dialog.getByRole('button', { name: 'Ignore link' })).toBeFocused()

  // Nothing was applied, in this page or in what is saved.
  await expectSettings(app, relay.url, ollama.url)
  await app.reload()
  await expect(review(app)).toHaveCount(0)
  await expectSettings(app, relay.url, ollama.url)

  // Ignoring it leaves everything as it was.
  await app.goto(hostileLink(appServer.url))
  await review(app).getByRole('button', { name: 'Ignore link' }).click()
  await expect(review(app)).toHaveCount(0)
  await expectSettings(app, relay.url, ollama.url)

  // Saying yes applies exactly what was shown.
  await app.goto(hostileLink(appServer.url))
  await review(app).getByRole('button', { name: 'Apply link settings' }).click()
  await expect(review(app)).toHaveCount(0)
  await expectSettings(app, HOSTILE_RELAY, HOSTILE_OLLAMA)
})

test('on a first run, an Ollama elsewhere is not applied without a yes', async ({
  page,
  appServer,
}) => {
  await page.goto(hostileLink(appServer.url))
  await expect(review(page)).toBeVisible()
  await expect(review(page)).toHaveAccessibleDescription(/203\.0\.113\.7.*is not on this computer/)
  await review(page).getByRole('button', { name: 'Ignore link' }).click()
  await expectSettings(
    page,
    'wss://relay.damus.io\nwss://nos.lol\nwss://relay.primal.net',
    'http://localhost:11434',
  )
})
