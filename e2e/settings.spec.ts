/** Settings: the setup link applies, and invalid input is refused in place. */
import { parseRelayUrl } from '../src/shared/settings.ts'
import { expect, test } from '../fixtures/test.ts'
import { openPane } from '../fixtures/ui.ts'

test('the setup link sets relays and Ollama URL, then leaves the address bar', async ({
  app,
  relay,
  ollama,
}) => {
  await expect(app).not.toHaveURL(/[?&](relays|ollama)=/)
  const settings = await openPane(app, 'Settings')
  await expect(settings.getByRole('textbox', { name: 'Relays', exact: true })).toHaveValue(
    relay.url,
  )
  await expect(settings.getByRole('textbox', { name: 'Ollama URL', exact: true })).toHaveValue(
    ollama.url,
  )
})

test('an invalid relay URL gets an inline error and changes nothing', async ({ app, relay }) => {
  const settings = await openPane(app, 'Settings')
  const relays = settings.getByRole('textbox', { name: 'Relays', exact: true })
  await expect(relays).toHaveValue(relay.url)

  const bad = 'not a relay'
  await relays.fill(`wss://relay.example.com\n${bad}`)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  const parsed = parseRelayUrl(bad)
  const message = parsed.ok ? parsed.value : parsed.error
  await expect(settings.getByText(message)).toBeVisible()

  // Nothing was applied: the stored relays are still the ones from the setup link.
  await app.reload()
  const reopened = await openPane(app, 'Settings')
  await expect(reopened.getByRole('textbox', { name: 'Relays', exact: true })).toHaveValue(
    relay.url,
  )
})
