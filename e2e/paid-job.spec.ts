/**
 * The issue "Getting paid": a provider with a price connects a Nostr Wallet Connect wallet in
 * the Wallet pane; a customer is quoted, pays the invoice through the fake NWC wallet service
 * on the local relay, and gets exactly one result carrying the amount.
 */
import { tagOf } from '../fixtures/customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { connectWallet, setPrices } from '../fixtures/wallet-ui.ts'
import { engineIdle } from '../fixtures/engine-idle.ts'

test('a paid job is quoted, paid through NWC, and delivered once with its amount', async ({
  app,
  nwc,
  customer,
  pageErrors,
}) => {
  const sell = await openPane(app, 'Sell Compute')
  await setPrices(app, '3', '1')
  // Paid jobs need a wallet: Go Online waits for one.
  await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeDisabled()
  await connectWallet(app, nwc)
  await goOnline(app)

  const request = await customer.sendRequest({
    prompt: 'worth paying for',
    params: { max_tokens: '900' },
  })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
  const [, msats, bolt11] = tagOf(quote, 'amount') ?? []
  expect(msats).toBe('4000')
  expect(customer.results(request.id)).toHaveLength(0)

  await nwc.pay(bolt11 ?? '')
  const result = await customer.waitForResult(request.id, 15_000)
  await customer.waitForFeedback(request.id, 'success')
  expect(result.tags).toContainEqual(['amount', '4000'])
  expect(customer.results(request.id)).toHaveLength(1)
  expect(nwc.invoices()).toHaveLength(1)

  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  await expect(sell.getByText('Sats earned')).toBeVisible()
  expect(pageErrors).toEqual([])
})

test('reload while awaiting payment, then pay: delivered once', async ({ app, nwc, customer }) => {
  await setPrices(app, '2', '0')
  await connectWallet(app, nwc)
  await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'pay after reload' })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
  await app.reload()
  const sell = await openPane(app, 'Sell Compute')
  await expect(sell.getByText('Online', { exact: true }).first()).toBeVisible({ timeout: 20_000 })
  await nwc.pay(tagOf(quote, 'amount')?.[2] ?? '')
  await customer.waitForFeedback(request.id, 'success', 20_000)
  await engineIdle(app)
  expect(customer.results(request.id)).toHaveLength(1)
  expect(
    customer.feedback(request.id).filter((f) => tagOf(f, 'status')?.[1] === 'payment-required'),
  ).toHaveLength(1)
  expect(nwc.invoices()).toHaveLength(1)
})

test('a bid under the price gets an error naming the price, and no invoice', async ({
  app,
  nwc,
  customer,
}) => {
  await setPrices(app, '5', '0')
  await connectWallet(app, nwc)
  await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'cheap please', bid: 1000 })
  const error = await customer.waitForFeedback(request.id, 'error', 15_000)
  expect(tagOf(error, 'status')?.[2]).toContain('5000 msats')
  expect(nwc.invoices()).toHaveLength(0)
})

test('an unreachable wallet is refused with a reason, and Go Online stays off', async ({
  app,
  nwc,
}) => {
  test.setTimeout(60_000)
  nwc.setUnreachable(true)
  const sell = await openPane(app, 'Sell Compute')
  await setPrices(app, '5', '0')
  const wallet = await openPane(app, 'Wallet')
  await wallet.getByRole('textbox', { name: 'Nostr Wallet Connect URI' }).fill(nwc.uri)
  await wallet.getByRole('button', { name: 'Connect', exact: true }).click()
  // Its info event is on the relay, but it answers nothing: the pane says so in words.
  await expect(wallet.getByText(/did not answer/).first()).toBeVisible({ timeout: 30_000 })
  await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeDisabled()
  expect(nwc.invoices()).toHaveLength(0)
})

test('reload between payment and result: delivered once', async ({
  app,
  nwc,
  customer,
  ollama,
}) => {
  await setPrices(app, '2', '0')
  await connectWallet(app, nwc)
  await goOnline(app)
  ollama.setTokenDelayMs(400)
  const request = await customer.sendRequest({ prompt: 'one two three four five six seven' })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
  await nwc.pay(tagOf(quote, 'amount')?.[2] ?? '')
  await customer.waitForFeedback(request.id, 'processing', 15_000)
  await app.reload()
  ollama.setTokenDelayMs(2)
  await customer.waitForFeedback(request.id, 'success', 30_000)
  await engineIdle(app)
  expect(customer.results(request.id)).toHaveLength(1)
  expect(nwc.invoices()).toHaveLength(1)
})
