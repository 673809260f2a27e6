/**
 * Real wallets differ (real-network.md D): a paid job goes through a wallet whose info event
 * lists its methods with commas (Alby, once), and through one that publishes no info event and
 * leaves the payment hash out (CoinOS). Each is connected in the Wallet pane like any other.
 */
import { tagOf } from '../fixtures/customer.ts'
import type { NwcWalletOptions } from '../fixtures/nwc-wallet.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'

const WALLETS: [string, Omit<NwcWalletOptions, 'relayUrl'>, RegExp][] = [
  ['a comma-separated method list', { variants: ['comma-list'] }, /publishes what it can do/],
  [
    'no info event and no payment hash',
    { variants: ['no-info-event', 'no-payment-hash'], encryption: 'nip04' },
    /publishes no description of itself.*over get_info it says it can/,
  ],
]

for (const [what, nwcOptions, about] of WALLETS) {
  test.describe(`a wallet with ${what}`, () => {
    test.use({ nwcOptions })

    test('takes a paid job through to one result', async ({ app, nwc, customer, pageErrors }) => {
      const settings = await openPane(app, 'Settings')
      await settings.getByRole('spinbutton', { name: 'Price per job (sats)' }).fill('3')
      await settings.getByRole('spinbutton', { name: 'Price per 1k tokens (sats)' }).fill('0')
      await settings.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(settings.getByText('Saved')).toBeVisible()

      const wallet = await openPane(app, 'Wallet')
      await wallet.getByRole('textbox', { name: 'Nostr Wallet Connect URI' }).fill(nwc.uri)
      await wallet.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(wallet.getByText(/sats/).first()).toBeVisible({ timeout: 15_000 })
      // What the app learned about the wallet, and how, is said in the pane.
      await expect(wallet.getByText(about)).toBeVisible()
      await goOnline(app)

      const request = await customer.sendRequest({ prompt: 'paid through a real-world wallet' })
      const quote = await customer.waitForFeedback(request.id, 'payment-required', 15_000)
      const [, msats, bolt11] = tagOf(quote, 'amount') ?? []
      expect(msats).toBe('3000')
      await nwc.pay(bolt11 ?? '')
      const result = await customer.waitForResult(request.id, 15_000)
      expect(result.tags).toContainEqual(['amount', '3000'])
      await customer.waitForFeedback(request.id, 'success')
      expect(customer.results(request.id)).toHaveLength(1)
      expect(nwc.invoices()).toHaveLength(1)
      // Notification first: one lookup confirms the payment the wallet announced.
      expect(nwc.calls().lookup_invoice ?? 0).toBeLessThanOrEqual(2)

      const history = await openPane(app, 'Job History')
      await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
      expect(pageErrors).toEqual([])
    })
  })
}
