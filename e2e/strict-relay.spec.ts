/**
 * End to end against a relay with the manners of public ones (`fixtures/strict-relay.ts`:
 * NIP-42 AUTH before REQ and EVENT, strfry's 64 KiB and 1,024-byte tag limits, refusals on
 * demand): a 40 KB prompt served with a result the relay accepts, a customer who names no relays
 * reached on the inbox relay of their kind 10002, a paid job with the wallet's NWC channel
 * through AUTH, a rate-limited relay served once and later, and a blocked relay showing its
 * words while another keeps serving.
 */
import { type Page } from '@playwright/test'
import { tagOf } from '../fixtures/customer.ts'
import { echoReply } from '../fixtures/fake-ollama.ts'
import { startStrictRelay, type StrictRelay } from '../fixtures/strict-relay.ts'
import { expect, test as base } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { connectWallet, setPrices } from '../fixtures/wallet-ui.ts'

const test = base.extend<{ strict: StrictRelay }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
  strict: async ({}, use) => {
    const relay = await startStrictRelay({ auth: 'required' })
    await use(relay)
    await relay.stop()
  },
  relay: async ({ strict }, use) => use(strict),
})

/** Room for a 20,000-token prompt; and, when asked, customers' relays on this machine. */
const settle = async (app: Page, o: { allowPrivate?: boolean } = {}) => {
  const settings = await openPane(app, 'Settings')
  await settings.getByRole('spinbutton', { name: 'Context window (tokens)' }).fill('32768')
  if (o.allowPrivate)
    await settings
      .getByRole('checkbox', {
        name: 'Follow customers to private and local relays (LAN, localhost, ws://)',
      })
      .check()
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved')).toBeVisible()
}

test('through an AUTH relay, a 40 KB prompt gets a result the relay accepts', async ({
  app,
  strict,
  customer,
  pageErrors,
}) => {
  await settle(app)
  const sell = await goOnline(app)
  await expect(sell.getByText('authenticated', { exact: false }).first()).toBeVisible()
  // 20,000 two-byte characters: 40 KB, under the 32,000-character prompt cap. The relay takes
  // no tag value over 1,024 bytes, so the prompt travels as a note the request points at.
  const prompt = 'é'.repeat(20_000)
  const note = await customer.publish({
    kind: 1,
    created_at: Math.floor(Date.now() / 1000),
    content: prompt,
    tags: [],
  })
  const request = await customer.publish({
    kind: 5050,
    created_at: Math.floor(Date.now() / 1000),
    content: '',
    tags: [
      ['i', note.id, 'event'],
      ['output', 'text/plain'],
    ],
  })
  const result = await customer.waitForResult(request.id, 30_000)
  await customer.waitForFeedback(request.id, 'success')
  expect(result.content).toBe(echoReply(prompt))
  const size = new TextEncoder().encode(JSON.stringify(result)).length
  expect(size).toBeLessThanOrEqual(65_536)
  expect(tagOf(result, 'e')?.[1]).toBe(request.id)
  expect(new TextEncoder().encode(tagOf(result, 'i')?.[1]).length).toBeLessThanOrEqual(1024)
  expect(strict.refusals().filter((r) => r.startsWith('invalid'))).toEqual([])
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  expect(pageErrors).toEqual([])
})

test('a customer with no relays tag gets the result on the inbox relay of their kind 10002', async ({
  app,
  customer,
  pageErrors,
}) => {
  const inbox = await startStrictRelay({ auth: 'required' })
  try {
    await settle(app, { allowPrivate: true })
    await goOnline(app)
    await customer.publish({
      kind: 10002,
      created_at: Math.floor(Date.now() / 1000),
      content: '',
      tags: [['r', inbox.url, 'read']],
    })
    const request = await customer.sendRequest({ prompt: 'Where do I read?' })
    const there = await inbox.waitForEvent({ kinds: [6050], '#e': [request.id] }, 30_000)
    expect(there.content).toBe(echoReply('Where do I read?'))
    // Our relay has it too.
    await customer.waitForResult(request.id)
    expect(pageErrors).toEqual([])
  } finally {
    await inbox.stop()
  }
})

test('with the wallet connected over NWC through the AUTH relay, a paid job is invoiced, paid and delivered once', async ({
  app,
  strict,
  nwc,
  customer,
  pageErrors,
}) => {
  await setPrices(app, '3', '0')
  // The wallet's NWC channel authenticates with its own connection key before it can subscribe.
  await connectWallet(app, nwc)
  const sell = await goOnline(app)
  await expect(sell.getByText('authenticated', { exact: false }).first()).toBeVisible()
  const request = await customer.sendRequest({ prompt: 'paid through AUTH' })
  const quote = await customer.waitForFeedback(request.id, 'payment-required', 30_000)
  const [, msats, bolt11] = tagOf(quote, 'amount') ?? []
  expect(msats).toBe('3000')
  expect(customer.results(request.id)).toHaveLength(0)
  await nwc.pay(bolt11 ?? '')
  const result = await customer.waitForResult(request.id, 30_000)
  await customer.waitForFeedback(request.id, 'success', 30_000)
  expect(result.content).toBe(echoReply('paid through AUTH'))
  expect(result.tags).toContainEqual(['amount', '3000'])
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  expect(customer.results(request.id)).toHaveLength(1)
  expect(strict.events().filter((e) => e.kind === 6050)).toHaveLength(1)
  expect(nwc.invoices()).toHaveLength(1)
  // The provider, the NWC connection and the customer each authenticated.
  expect(new Set(strict.authenticated()).size).toBeGreaterThanOrEqual(3)
  await expect(sell.getByText('Sats earned')).toBeVisible()
  expect(pageErrors).toEqual([])
})

test('a rate-limited relay gets the result once, later', async ({
  app,
  strict,
  customer,
  pageErrors,
}) => {
  const sell = await goOnline(app)
  await expect(sell.getByText('authenticated', { exact: false }).first()).toBeVisible()
  strict.rateLimitNext(2, 6050)
  const request = await customer.sendRequest({ prompt: 'slow down' })
  // The relay list says the relay asked us to wait, then the result arrives after the pause.
  await expect(sell.getByText(/rate-limited, resuming in \d+ s/).first()).toBeVisible({
    timeout: 30_000,
  })
  const result = await customer.waitForResult(request.id, 60_000)
  expect(result.content).toBe(echoReply('slow down'))
  await customer.waitForFeedback(request.id, 'success', 30_000)
  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1, { timeout: 30_000 })
  // The pause is over and nothing is left to retry: one result, after two refusals.
  await expect(sell.getByText(/rate-limited, resuming in/)).toHaveCount(0, { timeout: 30_000 })
  expect(strict.refusals().filter((r) => r.startsWith('rate-limited'))).toHaveLength(2)
  expect(customer.results(request.id)).toHaveLength(1)
  expect(strict.events().filter((e) => e.kind === 6050)).toHaveLength(1)
  expect(pageErrors).toEqual([])
})

test('a blocked relay shows its reason in the relay list and the other keeps serving', async ({
  app,
  strict,
  customer,
  pageErrors,
}) => {
  const bad = await startStrictRelay({ auth: 'off' })
  try {
    bad.block('this relay does not take DVM results')
    const settings = await openPane(app, 'Settings')
    await settings.getByRole('textbox', { name: 'Relays' }).fill(`${strict.url}\n${bad.url}`)
    await settings.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(settings.getByText('Saved')).toBeVisible()
    const sell = await goOnline(app)
    const badLine = sell.getByRole('listitem').filter({ hasText: bad.url })
    for (const prompt of ['first', 'second']) {
      const request = await customer.sendRequest({ prompt })
      const result = await customer.waitForResult(request.id, 30_000)
      expect(result.content).toBe(echoReply(prompt))
      await customer.waitForFeedback(request.id, 'success', 30_000)
    }
    await expect(
      badLine.getByText('refuses our events: blocked: this relay does not take DVM results'),
    ).toBeVisible({ timeout: 30_000 })
    await expect(badLine.getByText('connected', { exact: true })).toBeVisible()
    const history = await openPane(app, 'Job History')
    await expect(jobRowsWith(history, 'completed')).toHaveCount(2)
    expect(bad.refusals().every((r) => r.startsWith('blocked:'))).toBe(true)
    expect(bad.events().filter((e) => e.kind === 6050)).toHaveLength(0)
    expect(strict.events().filter((e) => e.kind === 6050)).toHaveLength(2)
    expect(pageErrors).toEqual([])
  } finally {
    await bad.stop()
  }
})
