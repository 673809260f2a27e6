/**
 * Prices per model: a model priced in the Models pane is quoted and invoiced at its own price,
 * the others at the default prices in Settings, and the announcement lists each model's price.
 */
import { tagOf } from '../fixtures/customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'

test('a model priced higher is invoiced at its price, the other at the default', async ({
  app,
  relay,
  nwc,
  customer,
  pageErrors,
}) => {
  const settings = await openPane(app, 'Settings')
  await settings.getByRole('spinbutton', { name: 'Price per job (sats)' }).fill('3')
  await settings.getByRole('spinbutton', { name: 'Price per 1k tokens (sats)' }).fill('0')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved')).toBeVisible()

  const models = await openPane(app, 'Models')
  await models.getByRole('spinbutton', { name: 'Price per job for qwen2.5:0.5b (sats)' }).fill('20')
  await models
    .getByRole('spinbutton', { name: 'Price per 1k tokens for qwen2.5:0.5b (sats)' })
    .fill('0')
  await models.getByRole('button', { name: 'Save prices for qwen2.5:0.5b' }).click()
  await expect(models.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  // A typing slip is refused with words naming the model, and nothing is saved.
  await models.getByRole('spinbutton', { name: 'Price per job for llama3.2:1b (sats)' }).fill('1.5')
  await models.getByRole('button', { name: 'Save prices for llama3.2:1b' }).click()
  await expect(models.getByRole('alert')).toHaveText(
    'Price per job for llama3.2:1b must be a whole number of sats, 0 or more',
  )
  await models.getByRole('spinbutton', { name: 'Price per job for llama3.2:1b (sats)' }).fill('')

  const wallet = await openPane(app, 'Wallet')
  await wallet.getByRole('textbox', { name: 'Nostr Wallet Connect URI' }).fill(nwc.uri)
  await wallet.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(wallet.getByText(/sats/).first()).toBeVisible({ timeout: 15_000 })
  await goOnline(app)

  const announcement = await relay.waitForEvent({ kinds: [31990] }, 15_000)
  expect(JSON.parse(announcement.content)).toMatchObject({
    prices: {
      'qwen2.5:0.5b': { amount: '20000', perJobSats: 20, per1kTokensSats: 0 },
      'llama3.2:1b': { amount: '3000', perJobSats: 3, per1kTokensSats: 0 },
    },
  })

  for (const [model, msats] of [
    ['qwen2.5:0.5b', '20000'],
    ['llama3.2:1b', '3000'],
  ] as const) {
    const request = await customer.sendRequest({ prompt: `on ${model}`, params: { model } })
    const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
    const [, amount, bolt11] = tagOf(quote, 'amount') ?? []
    expect(amount).toBe(msats)
    await nwc.pay(bolt11 ?? '')
    const result = await customer.waitForResult(request.id, 15_000)
    expect(result.tags).toContainEqual(['amount', msats])
  }
  expect(nwc.invoices()).toHaveLength(2)
  expect(pageErrors).toEqual([])
})
