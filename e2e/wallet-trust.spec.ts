/**
 * The wallet's own defences: a withdraw says how much it pays, read from the invoice itself,
 * and the Wallet pane recommends a connection that cannot spend (and such a one sells fine).
 */
import { fakeBolt11, startNwcWallet } from '../fixtures/nwc-wallet.ts'
import { expect, test } from '../fixtures/test.ts'
import { openPane } from '../fixtures/ui.ts'
import { connectWallet } from '../fixtures/wallet-ui.ts'

test('the withdraw confirmation names the amount read from the invoice', async ({ app, nwc }) => {
  const wallet = await connectWallet(app, nwc)
  const invoice = wallet.getByRole('textbox', { name: 'Lightning invoice to pay' })
  const withdraw = wallet.getByRole('button', { name: 'Withdraw', exact: true })

  await invoice.fill(`lightning:${fakeBolt11(2_100_000)}`)
  await withdraw.click()
  const confirm = wallet.getByRole('group', { name: 'Pay 2,100 sats from your wallet?' })
  await expect(confirm).toBeVisible()
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toHaveCount(0)

  // Not an invoice: said so at once, and nothing to press or confirm.
  await invoice.fill('lnbc-not-an-invoice')
  await expect(withdraw).toBeDisabled()
  await expect(
    wallet.getByText('This is not a Lightning invoice. Check what was pasted.'),
  ).toBeVisible()
  await expect(wallet.getByRole('button', { name: 'Confirm withdraw' })).toHaveCount(0)
  expect(nwc.requests().filter((r) => r.method === 'pay_invoice')).toHaveLength(0)
})

test('the Wallet pane recommends a receive-only connection, and one connects', async ({
  app,
  relay,
}) => {
  const wallet = await openPane(app, 'Wallet')
  await expect(wallet.getByText('Recommended: a receive-only connection.')).toBeVisible()
  await expect(wallet.getByText(/anyone who gets hold of it/)).toBeVisible()
  const receiveOnly = await startNwcWallet({
    relayUrl: relay.url,
    methods: ['make_invoice', 'lookup_invoice', 'get_balance', 'notifications'],
  })
  try {
    await connectWallet(app, receiveOnly)
  } finally {
    await receiveOnly.stop()
  }
})
