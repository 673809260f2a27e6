/**
 * The issue "A complete NIP-90 text-generation provider", through the real app: a customer
 * built on NDK, not nostr-tools, finds the provider by its NIP-89 announcement, gets plain and
 * encrypted answers in the scheme it used, and cancels a job mid-generation.
 */
import { encryptedRequest, plainRequest } from '../fixtures/client-requests.ts'
import { echoReply } from '../fixtures/fake-ollama.ts'
import { createNdkCustomer, type NdkCustomer } from '../fixtures/ndk-customer.ts'
import type { TestRelay } from '../fixtures/relay.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { engineIdle } from '../fixtures/engine-idle.ts'

/** What a client does first: read the provider's pubkey from its kind 31990 announcement. */
const discoverProvider = async (relay: TestRelay): Promise<string> => {
  const announcement = await relay.waitForEvent({ kinds: [31990], '#k': ['5050'] }, 15_000)
  return announcement.pubkey
}

const withNdkCustomer = async (relay: TestRelay, use: (c: NdkCustomer) => Promise<void>) => {
  const customer = await createNdkCustomer([relay.url])
  try {
    await use(customer)
  } finally {
    customer.close()
  }
}

test('an NDK customer gets a plain answer and NIP-44 and NIP-04 encrypted ones in its scheme', async ({
  app,
  relay,
  pageErrors,
}) => {
  await goOnline(app)
  const provider = await discoverProvider(relay)
  await withNdkCustomer(relay, async (customer) => {
    const plain = await customer.sendRequest(plainRequest('Hello from NDK'))
    const nip44 = await customer.sendRequest({
      ...encryptedRequest('A NIP-44 secret', provider),
      encrypt: { provider, scheme: 'nip44' },
    })
    const nip04 = await customer.sendRequest({
      ...encryptedRequest('A NIP-04 secret', provider),
      encrypt: { provider, scheme: 'nip04' },
    })

    const plainResult = await customer.waitForResult(plain.id, 20_000)
    expect(plainResult.content).toBe(echoReply('Hello from NDK'))
    expect(plainResult.event.tags).toContainEqual(['i', 'Hello from NDK', 'text'])

    for (const [request, prompt, isNip04] of [
      [nip44, 'A NIP-44 secret', false],
      [nip04, 'A NIP-04 secret', true],
    ] as const) {
      const result = await customer.waitForResult(request.id, 20_000)
      expect(result.event.pubkey).toBe(provider)
      expect(result.content).toBe(echoReply(prompt))
      expect(result.event.content.includes('?iv=')).toBe(isNip04)
      expect(result.event.tags).toContainEqual(['encrypted'])
      // The request is echoed (NIP-90): it holds only ciphertext. No input tags.
      expect(JSON.parse(result.tags.find((t) => t[0] === 'request')?.[1] ?? '{}').id).toBe(
        request.id,
      )
      expect(result.event.tags.some((t) => t[0] === 'i')).toBe(false)
      expect(result.event.content).not.toContain('secret')
    }
    for (const id of [plain.id, nip44.id, nip04.id])
      await customer.waitForFeedback(id, 'success', 10_000)
  })

  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(3)
  expect(pageErrors).toEqual([])
})

test.describe('cancellation', () => {
  // About 60 tokens at 100 ms: a job still generating when the customer cancels it.
  test.use({ ollamaOptions: { tokenDelayMs: 100 } })

  test('an NDK customer cancels a running job: Ollama is stopped, "cancelled", no result', async ({
    app,
    relay,
    ollama,
    pageErrors,
  }) => {
    await goOnline(app)
    await discoverProvider(relay)
    const generation = () => ollama.generations()[0]
    await withNdkCustomer(relay, async (customer) => {
      const prompt = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
      const request = await customer.sendRequest(plainRequest(prompt))
      await customer.waitForFeedback(request.id, 'processing', 20_000)
      await expect.poll(() => generation()?.tokensSent ?? 0, { timeout: 10_000 }).toBeGreaterThan(2)
      await customer.cancel(request.id)

      const error = await customer.waitForFeedback(request.id, 'error', 10_000)
      expect(error.event.tags.find((t) => t[0] === 'status')?.[2]).toBe('cancelled')
      await expect.poll(() => generation()?.aborted, { timeout: 5_000 }).toBe(true)
      expect(generation()?.tokensSent).toBeLessThan(55)
      // Once the engine is idle, a result that should not exist would have been sent.
      await engineIdle(app)
      expect(customer.replies(request.id).some((r) => r.event.kind === 6050)).toBe(false)
    })

    const history = await openPane(app, 'Job History')
    await expect(jobRowsWith(history, 'cancelled')).toHaveCount(1)
    expect(pageErrors).toEqual([])
  })
})
