/**
 * Settings saved in a tab that is not serving reach the serving tab at once: a customer
 * blocked from the second tab is refused by the first without a reload.
 */
import { createCustomer } from '../fixtures/customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'

test('a customer blocked in another tab is refused by the serving tab at once', async ({
  app,
  appServer,
  relay,
  customer,
}) => {
  await goOnline(app)
  const second = await app.context().newPage()
  await second.goto(appServer.url)
  const sell = await openPane(second, 'Sell Compute')
  await expect(sell.getByText('Serving in another tab', { exact: true }).first()).toBeVisible({
    timeout: 20_000,
  })

  // Served before: the serving tab answers this customer.
  const before = await customer.sendRequest({ prompt: 'Before the block' })
  await customer.waitForResult(before.id, 15_000)

  const settings = await openPane(second, 'Settings')
  await settings
    .getByRole('textbox', { name: 'Blocked customers', exact: true })
    .fill(customer.pubkey)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved')).toBeVisible()

  // The serving tab shows the new list without a reload...
  const servingSettings = await openPane(app, 'Settings')
  await expect(
    servingSettings.getByRole('textbox', { name: 'Blocked customers', exact: true }),
  ).toHaveValue(customer.pubkey)

  // ...and acts on it: the blocked customer's request gets nothing, while another customer's,
  // sent after it, is answered (so the first one was seen and decided).
  const other = await createCustomer([relay.url])
  try {
    const blocked = await customer.sendRequest({ prompt: 'After the block' })
    const next = await other.sendRequest({ prompt: 'Someone else' })
    await other.waitForResult(next.id, 15_000)
    expect(customer.results(blocked.id)).toHaveLength(0)
    expect(customer.feedback(blocked.id)).toHaveLength(0)
  } finally {
    other.close()
    await second.close()
  }
})
