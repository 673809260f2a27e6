/**
 * Issue 17, points 1, 2 and 7: the Sell Compute pane says at a glance whether the provider is
 * earning and what is wrong (money in, waiting, lost, owed; refusals by reason), the status is
 * green only when the provider can take what it sells, every refusal leaves a trace in the Log
 * and Job History, and "Send test job" runs free on a priced provider, labelled "test".
 */
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { createCustomer, tagOf } from '../fixtures/customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { countSeeded, SEED_PRICE_MSATS, seedJobs, seedState } from '../fixtures/seed-jobs.ts'
import { goOnline, jobRows, openPane } from '../fixtures/ui.ts'
import { connectWallet, setPrices } from '../fixtures/wallet-ui.ts'

const SHOTS = '/work/shots/cockpit-c'

const setPolicy = async (page: Page, label: string, value: string) => {
  const settings = await openPane(page, 'Settings')
  await settings.getByRole('spinbutton', { name: label, exact: true }).fill(value)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved').first()).toBeVisible()
}

/** A figure in a named section of the pane: its term, then its value. */
const figure = (section: Locator, term: string) =>
  section
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=..')

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`)

const TITLES = ['Wallet', 'Job History', 'Models', 'Settings', 'Log', 'Market'] as const

/** The Sell Compute pane alone, at desktop and phone size, in both themes; axe on each. */
const shoot = async (page: Page, name: string, show?: string) => {
  for (const title of TITLES) {
    const button = page
      .getByRole('toolbar', { name: 'Hotbar' })
      .getByRole('button', { name: title, exact: true })
    if ((await button.getAttribute('aria-pressed')) === 'true') await button.click()
  }
  for (const [w, h] of [
    [1400, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      const sell = await openPane(page, 'Sell Compute')
      expect(await serious(page), `${name} ${w}x${h} ${colorScheme}`).toEqual([])
      // The figures at the top of the view: the part of the pane this shot is about.
      if (show !== undefined)
        await sell.getByRole('heading', { name: show }).evaluate((el) => el.scrollIntoView())
      await sell.screenshot({ path: `${SHOTS}/${name}-${w}x${h}-${colorScheme}.png` })
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 })
}

test('the pane says what came in, what waits and what expired, live and after a restart', async ({
  app,
  nwc,
  customer,
  pageErrors,
}) => {
  test.setTimeout(120_000)
  await setPrices(app, '3', '0')
  await connectWallet(app, nwc)
  const sell = await goOnline(app)
  const earnings = sell.getByRole('region', { name: 'Earnings' })
  await expect(figure(earnings, 'Awaiting payment')).toContainText('None')
  await expect(sell.getByRole('status').filter({ hasText: /^Online$/ })).toBeVisible()

  const paid = await customer.sendRequest({ prompt: 'worth paying for' })
  const quote = await customer.waitForFeedback(paid.id, 'payment-required', 15_000)
  await expect(figure(earnings, 'Awaiting payment')).toContainText('1 job · 3 sats')
  await nwc.pay(tagOf(quote, 'amount')?.[2] ?? '')
  await customer.waitForResult(paid.id, 15_000)
  await expect(figure(earnings, 'Earned today')).toContainText('3 sats')
  await expect(figure(earnings, 'Last hour')).toContainText('3 sats')
  await expect(figure(earnings, 'Awaiting payment')).toContainText('None')

  // Left unpaid: it waits, and the pane says so.
  const unpaid = await customer.sendRequest({ prompt: 'never paid' })
  await customer.waitForFeedback(unpaid.id, 'payment-required', 15_000)
  await expect(figure(earnings, 'Awaiting payment')).toContainText('1 job · 3 sats')

  // A history from before this start: the figures come from the journal's indexes at start.
  const plan = { count: 14, start: Date.now() - 20 * 60_000 }
  await seedJobs(app, plan)
  await app.reload()
  const again = (await openPane(app, 'Sell Compute')).getByRole('region', { name: 'Earnings' })
  const expired = countSeeded(plan.count, (i) => seedState(i) === 'expired')
  const delivered = countSeeded(plan.count, (i) => seedState(i) === 'completed')
  const earned = 3 + (delivered * SEED_PRICE_MSATS) / 1000
  await expect(figure(again, 'Expired unpaid')).toContainText(String(expired), { timeout: 20_000 })
  await expect(figure(again, 'Earned today')).toContainText(`${earned} sats`)
  await expect(figure(again, 'Last hour')).toContainText(`${earned} sats`)
  await expect(figure(again, 'Awaiting payment')).toContainText('1 job · 3 sats')
  await expect(figure(again, 'Owed to customers')).toContainText('None')
  await shoot(app, 'earnings', 'Earnings')
  expect(pageErrors).toEqual([])
})

test('online with a price and no wallet says so once, refuses with a reason, and counts it', async ({
  app,
  customer,
  pageErrors,
}) => {
  test.setTimeout(120_000)
  const sell = await goOnline(app)
  await setPrices(app, '5', '0')
  const status = sell.getByRole('status').filter({ hasText: /^Online/ })
  await expect(status).toHaveText('Online, not taking paid jobs: connect a wallet')
  // The wallet line says what to do once, not in two sentences that mean the same.
  await expect(sell.getByText(/Paid jobs need a wallet/)).toHaveCount(1)

  const request = await customer.sendRequest({ prompt: 'pay me later' })
  await customer.waitForFeedback(request.id, 'error', 15_000)
  const refused = sell.getByRole('region', { name: 'Refused in the last hour' })
  await expect(refused.getByRole('listitem')).toHaveText(['wallet not ready: 1'])
  const log = await openPane(app, 'Log')
  const entries = log.getByRole('list', { name: 'Log entries' }).getByRole('listitem')
  await expect(
    entries.filter({ hasText: `request ${request.id.slice(0, 8)} from npub1` }),
  ).toContainText('refused: wallet not ready')
  await shoot(app, 'no-wallet')
  expect(pageErrors).toEqual([])
})

test('a flood from one customer: grouped log lines, refusals by reason, and a hint', async ({
  app,
  relay,
  pageErrors,
}) => {
  test.setTimeout(120_000)
  await setPolicy(app, 'Requests per customer per minute', '2')
  const sell = await goOnline(app)
  const flooder = await createCustomer([relay.url])
  const sent = []
  for (let n = 0; n < 40; n++) sent.push(await flooder.sendRequest({ prompt: `flood ${n}` }))
  await flooder.waitForFeedback(sent.at(-1)!.id, 'error', 15_000)

  const refused = sell.getByRole('region', { name: 'Refused in the last hour' })
  await expect(refused.getByRole('listitem')).toHaveText(['rate limited: 38'])
  await expect(refused).toContainText(
    /customer npub1\S+ hit the rate limit 30 times in 10 min; raise the limit or block them/,
  )
  const log = await openPane(app, 'Log')
  const entries = log.getByRole('list', { name: 'Log entries' }).getByRole('listitem')
  // One line for the first refusal, then the rest together: not 38 lines.
  await expect(
    entries
      .filter({ hasText: /more requests refused in the last 10 s: rate limited \(\d+\)/ })
      .first(),
  ).toBeVisible({ timeout: 20_000 })
  expect(await entries.filter({ hasText: 'refused' }).count()).toBeLessThan(6)
  await expect(entries.filter({ hasText: 'hit the rate limit 30 times' })).toHaveCount(1)

  const history = await openPane(app, 'Job History')
  const counts = history.getByRole('definition').filter({ hasText: '38' })
  await expect(history.getByText('Refused (last hour)')).toBeVisible()
  await expect(counts.first()).toBeVisible()
  await shoot(app, 'refused', 'Refused in the last hour')
  flooder.close()
  expect(pageErrors).toEqual([])
})

test('Send test job on a priced provider: runs free, labelled test, 0 sats', async ({
  app,
  nwc,
  pageErrors,
}) => {
  test.setTimeout(90_000)
  await setPrices(app, '4', '2')
  await connectWallet(app, nwc)
  const sell = await goOnline(app)
  await sell.getByRole('button', { name: 'Send test job' }).click()
  await expect(
    sell.getByRole('status').filter({ hasText: /^Test job answered in [\d.]+ (ms|s)$/ }),
  ).toBeVisible({ timeout: 30_000 })
  expect(nwc.invoices()).toHaveLength(0)
  const history = await openPane(app, 'Job History')
  const row = jobRows(history).first()
  await expect(row.getByRole('cell', { name: 'test', exact: true })).toBeVisible()
  await expect(row.getByRole('cell').last()).toHaveText('0')
  await expect(figure(sell.getByRole('region', { name: 'Earnings' }), 'Sats earned')).toContainText(
    '0',
  )
  await shoot(app, 'test-job', 'Running now')
  await app.emulateMedia({ colorScheme: 'light' })
  const shown = await openPane(app, 'Job History')
  await shown.screenshot({ path: `${SHOTS}/test-job-history-1400x900-light.png` })
  expect(pageErrors).toEqual([])
})
