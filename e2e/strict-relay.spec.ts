/**
 * End to end against a relay with the manners of public ones (`fixtures/strict-relay.ts`:
 * NIP-42 AUTH before REQ and EVENT, strfry's 64 KiB and 1,024-byte tag limits): a 40 KB prompt
 * served with a result the relay accepts, and a customer who names no relays reached on the
 * inbox relay of their kind 10002.
 */
import { type Page } from '@playwright/test'
import { tagOf } from '../fixtures/customer.ts'
import { echoReply } from '../fixtures/fake-ollama.ts'
import { startStrictRelay, type StrictRelay } from '../fixtures/strict-relay.ts'
import { expect, test as base } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'

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
