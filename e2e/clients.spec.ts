/**
 * The issue "What real NIP-90 clients send and read", through the real app: an NDK customer
 * reads every status of an encrypted paid job with NDK's own classes, nostr-tools customers send
 * the shapes clients in the wild send, and the listing a client shows is the profile typed in
 * Settings, with Go Offline saying so at once.
 */
import type { Page } from '@playwright/test'
import type { Event } from 'nostr-tools/pure'
import { encryptedRequest } from '../fixtures/client-requests.ts'
import { echoReply } from '../fixtures/fake-ollama.ts'
import { createNdkCustomer } from '../fixtures/ndk-customer.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'
import { connectWallet } from '../fixtures/wallet-ui.ts'

const contentOf = (e: Event) => JSON.parse(e.content) as Record<string, unknown>
const statusText = (e: Event) => e.tags.find((t) => t[0] === 'status')?.[2] ?? ''

const fillAndSave = async (page: Page, fields: Record<string, string>) => {
  const settings = await openPane(page, 'Settings')
  for (const [name, value] of Object.entries(fields)) {
    const role = name.includes('(sats)') ? 'spinbutton' : 'textbox'
    await settings.getByRole(role, { name, exact: true }).fill(value)
  }
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  return settings
}

test('the profile typed in Settings is the listing, the kind 0 and the relay list clients read', async ({
  app,
  relay,
  pageErrors,
}) => {
  const settings = await fillAndSave(app, {
    'Provider name': 'Ada’s GPU',
    About: 'Fast answers from a 4090',
    'Picture URL': 'https://example.com/ada.png',
    'Lightning address': 'not an address',
  })
  await expect(
    settings.getByText('Lightning address must look like name@example.com'),
  ).toBeVisible()
  await fillAndSave(app, { 'Lightning address': 'ada@example.com' })
  await expect(settings.getByText('Saved')).toBeVisible()

  await goOnline(app)
  const listing = await relay.waitForEvent({ kinds: [31990], '#k': ['5050'] }, 15_000)
  const provider = listing.pubkey
  const profile = await relay.waitForEvent({ kinds: [0], authors: [provider] }, 15_000)
  const relays = await relay.waitForEvent({ kinds: [10002], authors: [provider] }, 15_000)
  const said = {
    name: 'Ada’s GPU',
    about: 'Fast answers from a 4090',
    picture: 'https://example.com/ada.png',
  }
  expect(contentOf(listing)).toMatchObject({
    ...said,
    image: said.picture,
    amount: 'free',
    supportsEncryption: true,
    encryptionSupported: true,
    lud16: 'ada@example.com',
  })
  expect(contentOf(profile)).toMatchObject(said)
  expect(relays.tags).toEqual([['r', relay.url]])

  const sell = await openPane(app, 'Sell Compute')
  const online = await relay.waitForEvent({ kinds: [11998], authors: [provider] }, 15_000)
  expect(online.tags).toContainEqual(['status', 'online'])
  await sell.getByRole('button', { name: 'Go Offline', exact: true }).click()
  await expect
    .poll(() =>
      relay
        .events()
        .filter((e) => e.kind === 11998 && e.pubkey === provider)
        .map((e) => e.tags.find((t) => t[0] === 'status')?.[1]),
    )
    .toContain('offline')
  await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeVisible()
  expect(pageErrors).toEqual([])
})

for (const scheme of ['nip44', 'nip04'] as const) {
  test(`an NDK customer reads every status of a paid ${scheme} job, and nothing leaks`, async ({
    app,
    relay,
    nwc,
    ollama,
    pageErrors,
  }) => {
    await fillAndSave(app, { 'Price per job (sats)': '2', 'Price per 1k tokens (sats)': '0' })
    await connectWallet(app, nwc)
    await goOnline(app)
    const provider = (await relay.waitForEvent({ kinds: [31990] }, 15_000)).pubkey
    const customer = await createNdkCustomer([relay.url])
    try {
      const prompt = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')
      const request = await customer.sendRequest({
        ...encryptedRequest(prompt, provider),
        encrypt: { provider, scheme },
      })
      const quote = await customer.waitForFeedback(request.id, 'payment-required', 20_000)
      const [, msats, bolt11 = ''] = quote.tags.find((t) => t[0] === 'amount') ?? []
      expect(msats).toBe('2000')
      ollama.setTokenDelayMs(100)
      await nwc.pay(bolt11)
      await customer.waitForFeedback(request.id, 'processing', 20_000)
      const partial = await customer.waitForFeedback(request.id, 'partial', 20_000)
      const soFar = partial.tags.find((t) => t[0] === 'content')?.[1] ?? ''
      expect(echoReply(prompt).startsWith(soFar) && soFar.length > 0).toBe(true)
      const result = await customer.waitForResult(request.id, 20_000)
      expect(result.content).toBe(echoReply(prompt))
      await customer.waitForFeedback(request.id, 'success', 20_000)

      for (const reply of customer.replies(request.id).filter((r) => r.event.kind === 7000)) {
        expect(reply.unreadable).toBeUndefined()
        expect(reply.event.tags.map((t) => t[0]).sort()).toEqual(['alt', 'e', 'encrypted', 'p'])
        expect(JSON.stringify(reply.event)).not.toContain(bolt11)
      }
    } finally {
      customer.close()
    }
    expect(pageErrors).toEqual([])
  })
}

test('nostr-tools customers: param prompt, content only, text plus url, ours as second p, stop', async ({
  app,
  customer,
  ollama,
  relay,
  pageErrors,
}) => {
  await goOnline(app)
  const provider = (await relay.waitForEvent({ kinds: [31990] }, 15_000)).pubkey
  const viaParam = await customer.sendRequest({ params: { prompt: 'asked by param' } })
  const viaContent = await customer.sendRequest({ content: 'asked in the content' })
  const withUrl = await customer.sendRequest({
    prompt: 'describe it',
    inputs: [['https://example.com/cat.png', 'url']],
  })
  const secondP = await customer.sendRequest({
    prompt: 'either of you',
    tags: [
      ['p', 'ab'.repeat(32)],
      ['p', provider],
    ],
  })
  const stopped = await customer.sendRequest({
    prompt: 'one two three four',
    params: { presence_penalty: 0.4 },
    tags: [['param', 'stop', 'three']],
  })
  const urlOnly = await customer.sendRequest({ inputs: [['https://example.com/a.png', 'url']] })

  expect((await customer.waitForResult(viaParam.id, 20_000)).content).toBe(
    echoReply('asked by param'),
  )
  expect((await customer.waitForResult(viaContent.id, 20_000)).content).toBe(
    echoReply('asked in the content'),
  )
  expect((await customer.waitForResult(withUrl.id, 20_000)).content).toBe(echoReply('describe it'))
  expect(statusText(await customer.waitForFeedback(withUrl.id, 'processing'))).toContain(
    'skipped the "url" input',
  )
  expect((await customer.waitForResult(secondP.id, 20_000)).content).toBe(
    echoReply('either of you'),
  )
  expect((await customer.waitForResult(stopped.id, 20_000)).content).toBe('Echo: one two ')
  const options = ollama
    .requests()
    .map((r) => r.body as { prompt?: string; options?: Record<string, unknown> })
    .find((b) => b?.prompt === 'one two three four')?.options
  expect(options).toMatchObject({ presence_penalty: 0.4, stop: ['three'] })
  expect(statusText(await customer.waitForFeedback(urlOnly.id, 'error'))).toContain(
    'input type "url" is not supported',
  )
  expect(pageErrors).toEqual([])
})
