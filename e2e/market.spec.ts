/** The Market pane: "why no jobs?" answered from what the provider's relays carry. */
import type { Locator } from '@playwright/test'
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'

const now = () => Math.floor(Date.now() / 1000)
const signed = (key: Uint8Array, kind: number, tags: string[][], content = ''): Event =>
  finalizeEvent({ kind, tags, content, created_at: now() }, key)

const demandRow = (market: Locator, words: string) =>
  market.getByRole('table', { name: 'Demand' }).getByRole('row', { name: new RegExp(`^${words} `) })

test('before going online, the pane counts demand and lists the other providers, and suggests a price', async ({
  app,
  relay,
  pageErrors,
}) => {
  // A price of 10 sats per job, saved.
  const settings = await openPane(app, 'Settings')
  const price = settings.getByRole('spinbutton', { name: 'Price per job (sats)', exact: true })
  await price.fill('10')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved', { exact: false }).first()).toBeVisible()
  await settings.getByRole('button', { name: 'Close Settings' }).click()

  const rival = generateSecretKey()
  const free = generateSecretKey()
  const customer = generateSecretKey()
  const forRival = signed(customer, 5050, [
    ['i', 'hi', 'text'],
    ['p', getPublicKey(rival)],
  ])
  const events = [
    signed(
      rival,
      31990,
      [
        ['d', 'rival'],
        ['k', '5050'],
      ],
      JSON.stringify({
        name: 'Big <b>GPU</b>',
        amount: 21000,
        nip90Params: { model: { values: ['llama3:70b'] } },
      }),
    ),
    signed(
      free,
      31990,
      [
        ['d', 'free'],
        ['k', '5050'],
      ],
      JSON.stringify({ name: 'Freebie', amount: 'free' }),
    ),
    signed(
      generateSecretKey(),
      31990,
      [
        ['d', 'bad'],
        ['k', '5050'],
      ],
      '{not json',
    ),
    signed(
      generateSecretKey(),
      31990,
      [
        ['d', 'huge'],
        ['k', '5050'],
      ],
      JSON.stringify({ name: 'H', about: 'x'.repeat(40_000) }),
    ),
    signed(rival, 11998, [['status', 'online']]),
    forRival,
    signed(customer, 5050, [
      ['i', 'more', 'text'],
      ['p', getPublicKey(rival)],
    ]),
    signed(rival, 6050, [['e', forRival.id]], 'answer'),
    ...['4000', '6000', '20000'].map((bid) =>
      signed(customer, 5050, [
        ['i', `bid ${bid}`, 'text'],
        ['bid', bid],
        ['param', 'model', 'qwen3:8b'],
      ]),
    ),
  ]
  for (const e of events) relay.injectEvent(e)

  const market = await openPane(app, 'Market')
  await expect(demandRow(market, 'for another provider')).toHaveAccessibleName(/ 2 2$/)
  await expect(demandRow(market, 'while offline')).toHaveAccessibleName(/ 3 3$/)
  await expect(
    market.getByText('Bids seen in the last day: 3, lowest 4, median 6, highest 20 sats.'),
  ).toBeVisible()
  await expect(
    market.getByText('Models asked for that you don’t offer: qwen3:8b (3).'),
  ).toBeVisible()

  const providers = market.getByRole('table', { name: 'Providers' })
  const big = providers.getByRole('row', { name: /Big <b>GPU<\/b>/ })
  await expect(big).toContainText('llama3:70b')
  await expect(big).toContainText('21 sats')
  await expect(big).toContainText('live')
  await expect(big.getByRole('cell').nth(3)).toHaveText('1')
  await expect(big.getByRole('cell').nth(4)).toHaveText('1')
  await expect(providers.getByRole('row', { name: /Freebie/ })).toContainText('free')
  await expect(providers.getByRole('row')).toHaveCount(3)

  // 4000 and 6000 msats bid under 10 sats: at the lower median, 4 sats, both would have been taken.
  await expect(
    market.getByText('At 4 sats per job you would have taken 2 more of the last 5 requests.', {
      exact: false,
    }),
  ).toBeVisible()
  await expect(
    market.getByText('Other providers ask 21 sats; you ask 10 sats per job.', { exact: false }),
  ).toBeVisible()
  await market.getByRole('button', { name: 'Use suggested price', exact: true }).click()
  const reopened = await openPane(app, 'Settings')
  await expect(
    reopened.getByRole('spinbutton', { name: 'Price per job (sats)', exact: true }),
  ).toHaveValue('4')

  // Nothing changed by itself: the saved price is still 10, and the figures survive a reload.
  await app.reload()
  await expect(
    (await openPane(app, 'Settings')).getByRole('spinbutton', {
      name: 'Price per job (sats)',
      exact: true,
    }),
  ).toHaveValue('10')
  await expect(
    demandRow(await openPane(app, 'Market'), 'for another provider'),
  ).toHaveAccessibleName(/ 2 2$/)
  expect(pageErrors).toEqual([])
})

test('online, the pane counts what the engine took and refused, as the engine decided them, over the job connections', async ({
  app,
  relay,
  customer,
  pageErrors,
}) => {
  const settings = await openPane(app, 'Settings')
  await settings
    .getByRole('spinbutton', { name: 'Requests per customer per minute', exact: true })
    .fill('1')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByText('Saved', { exact: false }).first()).toBeVisible()
  await goOnline(app)
  const market = await openPane(app, 'Market')

  const first = await customer.sendRequest({ prompt: 'one' })
  await customer.waitForResult(first.id)
  const second = await customer.sendRequest({ prompt: 'two' })
  await customer.waitForFeedback(second.id, 'error')
  relay.injectEvent(
    signed(generateSecretKey(), 5050, [
      ['i', 'elsewhere', 'text'],
      ['p', getPublicKey(generateSecretKey())],
    ]),
  )

  await expect(demandRow(market, 'taken')).toHaveAccessibleName(/ 1 1$/)
  await expect(demandRow(market, 'refused by limits')).toHaveAccessibleName(/ 1 1$/)
  await expect(demandRow(market, 'for another provider')).toHaveAccessibleName(/ 1 1$/)
  // Online, the watch is a second subscription on the provider's connection, without requests:
  // those come once, on the job subscription, and are handed over.
  const asks = (kind: number) =>
    relay.subscriptions().filter((s) => s.filters.some((f) => f.kinds?.includes(kind)))
  await expect.poll(() => asks(31990).length).toBe(1)
  expect(asks(5050)).toHaveLength(1)
  expect(asks(5050)[0]?.id).not.toBe(asks(31990)[0]?.id)
  expect(pageErrors).toEqual([])
})
