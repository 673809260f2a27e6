/** The issue "The first job sold": a customer's kind 5050 request served end to end. */
import { npubEncode } from 'nostr-tools/nip19'
import { tagOf } from '../fixtures/customer.ts'
import { echoReply, modelDigest } from '../fixtures/fake-ollama.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRows, jobRowsWith, openPane } from '../fixtures/ui.ts'

test('a customer request is served: processing, a 6050 result, success, and a completed row', async ({
  app,
  customer,
  ollama,
  pageErrors,
}) => {
  const sell = await goOnline(app)
  const prompt = 'Write a haiku about relays'
  const request = await customer.sendRequest({ prompt })

  const processing = await customer.waitForFeedback(request.id, 'processing', 15_000)
  const result = await customer.waitForResult(request.id)
  const success = await customer.waitForFeedback(request.id, 'success')

  expect(result.content).toBe(echoReply(prompt))
  expect(tagOf(result, 'e')?.[1]).toBe(request.id)
  expect(result.tags).toContainEqual(['p', customer.pubkey])
  expect(result.tags).toContainEqual(['i', prompt, 'text'])
  const requestTag = tagOf(result, 'request')
  expect(JSON.parse(requestTag?.[1] ?? 'null')).toMatchObject({ id: request.id, kind: 5050 })

  // With no model asked for and no default set, the first installed model serves.
  const model = ollama.models()[0]!
  const [, modelName, digest] = tagOf(result, 'model') ?? []
  expect(modelName).toBe(model.name)
  expect(digest?.length).toBeGreaterThanOrEqual(12)
  expect(modelDigest(model).startsWith(digest ?? '-')).toBe(true)

  // Usage is Ollama's own count, as its done line said.
  const generation = ollama.requests().find((r) => r.usage !== undefined)
  expect(generation?.usage).toBeDefined()
  expect(tagOf(result, 'usage')).toEqual([
    'usage',
    String(generation?.usage?.promptTokens),
    String(generation?.usage?.completionTokens),
  ])

  // One provider said all of it, and the pane shows who that is.
  expect(processing.pubkey).toBe(result.pubkey)
  expect(success.pubkey).toBe(result.pubkey)
  await expect(sell).toContainText(npubEncode(result.pubkey).slice(0, 9))

  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  await expect(jobRows(history)).toHaveCount(1)
  expect(pageErrors).toEqual([])
})
