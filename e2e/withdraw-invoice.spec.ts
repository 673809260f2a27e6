/**
 * Money going out is read before it goes (issue 17 point 4): the Wallet pane decodes a pasted
 * invoice and shows its amount and description at once, refuses what is not an invoice at
 * once, has no Withdraw for a connection that cannot pay, and says how old the balance is.
 */
import { expectAxeCleanInBothThemes } from '../fixtures/axe.ts'
import { tagOf } from '../fixtures/customer.ts'
import { fakeBolt11, startNwcWallet } from '../fixtures/nwc-wallet.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline } from '../fixtures/ui.ts'
import { connectWallet, setPrices } from '../fixtures/wallet-ui.ts'

test.use({ nwcOptions: { balanceMsats: 50_000_000 } })

test('a pasted invoice shows its amount and description before the confirmation', async ({
  app,
  nwc,
}) => {
  const wallet = await connectWallet(app, nwc)
  const invoice = wallet.getByRole('textbox', { name: 'Lightning invoice to pay' })
  const withdraw = wallet.getByRole('button', { name: 'Withdraw', exact: true })
  await expect(withdraw).toBeDisabled()

  // Not an invoice: said at once, as it is pasted, and there is nothing to press.
  await invoice.fill('satoshi@walletofsatoshi.com')
  await expect(invoice).toHaveAccessibleDescription(/This is a Lightning address, not an invoice/)
  await expect(withdraw).toBeDisabled()
  await invoice.fill('lnbc1qqqqcutshort')
  await expect(invoice).toHaveAccessibleDescription(
    /This is not a Lightning invoice\. Check what was pasted\./,
  )
  await expect(withdraw).toBeDisabled()

  // An invoice: its amount, what it is for and when it expires, before anything is pressed.
  await invoice.fill(`lightning:${fakeBolt11(2_100_000)}`)
  const read = wallet.getByRole('status').filter({ hasText: 'Amount' })
  await expect(read).toContainText('2,100 sats')
  await expect(read).toContainText('Forfake')
  await expect(read).toContainText(/Expiresin \d+ min/)
  await expect(invoice).toHaveAttribute('aria-invalid', 'false')
  await withdraw.click()
  const confirm = wallet.getByRole('group', { name: 'Pay 2,100 sats from your wallet?' })
  await expect(confirm).toBeVisible()
  await expect(confirm).toContainText('For: “fake”')
  await expectAxeCleanInBothThemes(app, 'Withdraw asking to pay')
  await confirm.getByRole('button', { name: 'Confirm withdraw' }).click()
  await expect(wallet.getByText('Paid.', { exact: true })).toBeVisible()
  expect(nwc.requests().filter((r) => r.method === 'pay_invoice')).toHaveLength(1)
  // The balance is read again after the payment, and says when.
  const status = wallet.getByRole('region', { name: 'Wallet status' })
  await expect(status).toContainText('Balance 47,900 sats · read just now')
})

test('a connection that may only receive has no Withdraw', async ({ app, relay }) => {
  const receiveOnly = await startNwcWallet({
    relayUrl: relay.url,
    methods: ['make_invoice', 'lookup_invoice', 'get_balance', 'notifications'],
  })
  try {
    const wallet = await connectWallet(app, receiveOnly)
    await expect(wallet.getByText(/This connection may only receive/)).toBeVisible()
    await expect(wallet.getByRole('heading', { name: 'Withdraw' })).toHaveCount(0)
    await expect(wallet.getByRole('textbox', { name: 'Lightning invoice to pay' })).toHaveCount(0)
  } finally {
    await receiveOnly.stop()
  }
})

test('the balance is read again when a customer payment settles', async ({
  app,
  nwc,
  customer,
}) => {
  await setPrices(app, '3', '1')
  const wallet = await connectWallet(app, nwc)
  const status = wallet.getByRole('region', { name: 'Wallet status' })
  await expect(status).toContainText('Balance 50,000 sats · read just now')
  await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'worth paying for' })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
  const [, msats, bolt11] = tagOf(quote, 'amount') ?? []
  await nwc.pay(bolt11 ?? '')
  await customer.waitForResult(request.id, 15_000)
  // Without a reload or waiting out the minute's reading: the wallet is asked on settling.
  await expect(status).toContainText(
    `Balance ${(50_000 + Number(msats) / 1000).toLocaleString('en')} sats · read just now`,
  )
})
