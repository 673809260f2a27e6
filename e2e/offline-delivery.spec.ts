/**
 * A paid result no relay took is sent again when the provider is back online, as a new user
 * meets it: Go Offline, the customer pays, the answer is generated, Go Online: delivered once,
 * and its sats count as earned only then.
 */
import type { Locator } from '@playwright/test'
import { tagOf } from '../fixtures/customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { connectWallet, setPrices } from '../fixtures/wallet-ui.ts'

const fact = (sell: Locator, name: string) =>
  sell.getByRole('term').filter({ hasText: name }).locator('xpath=following-sibling::dd')

test('paid while offline: the result waits, then goes out once on Go Online', async ({
  app,
  nwc,
  customer,
}) => {
  await setPrices(app, '3', '0')
  await connectWallet(app, nwc)
  const sell = await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'answer me when you are back' })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)

  await sell.getByRole('button', { name: 'Go Offline', exact: true }).click()
  await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeVisible()
  await nwc.pay(tagOf(quote, 'amount')?.[2] ?? '')

  // Generated and journaled, but no relay to take it: waiting, not earned, not lost.
  const log = await openPane(app, 'Log')
  await expect(log.getByText(/its result will be sent again when back online/)).toBeVisible({
    timeout: 20_000,
  })
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'running')).toHaveCount(1)
  expect(customer.results(request.id)).toHaveLength(0)
  await expect(fact(sell, 'Sats earned')).toHaveText('0')

  await goOnline(app)
  const result = await customer.waitForResult(request.id, 20_000)
  await customer.waitForFeedback(request.id, 'success', 15_000)
  expect(result.content).toBe('Echo: answer me when you are back')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  await expect(fact(sell, 'Sats earned')).toHaveText('3')
  await expect(fact(sell, 'Failed')).toHaveText('0')
  // Once: the success feedback follows the one delivery, and nothing else is queued to send.
  expect(customer.results(request.id)).toHaveLength(1)
})
