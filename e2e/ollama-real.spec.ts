/**
 * Ollama as people run it, through the app: models that take seconds to load, embedding models
 * that cannot generate, thinking models, and what the Models pane says of each.
 */
import {
  DEFAULT_MODELS,
  EMBEDDING_MODEL,
  THINKING_MODEL,
  echoReply,
  thinkingReply,
} from '../fixtures/fake-ollama.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'

const LOAD_MS = 3000

test.describe('a model that takes 3 s to load', () => {
  test.use({
    ollamaOptions: {
      tokenDelayMs: 2,
      models: DEFAULT_MODELS.map((m) => ({ ...m, loadMs: LOAD_MS })),
    },
  })

  test('Go Online says "Loading <model>..." until it answers, and the first job pays no load', async ({
    app,
    customer,
    ollama,
  }) => {
    const sell = await openPane(app, 'Sell Compute')
    const button = sell.getByRole('button', { name: 'Go Online', exact: true })
    await expect(button).toBeEnabled({ timeout: 20_000 })
    await button.click()
    const ollamaLine = sell.getByRole('group', { name: 'Ollama' })
    await expect(ollamaLine).toContainText(`Loading ${DEFAULT_MODELS[0]!.name}...`)
    await expect(sell.getByText('Online', { exact: true }).first()).toBeVisible({ timeout: 15_000 })

    const prompt = 'Write a haiku about relays'
    const sent = Date.now()
    const request = await customer.sendRequest({ prompt })
    const result = await customer.waitForResult(request.id, 20_000)
    const latencyMs = Date.now() - sent
    console.log(`e2e: first job request-to-result after Go Online (3 s load): ${latencyMs} ms`)
    expect(result.content).toBe(echoReply(prompt))
    expect(ollama.generations().map((g) => g.loadMs)).toEqual([0])

    const models = await openPane(app, 'Models')
    const row = models
      .getByRole('table', { name: 'Installed models' })
      .getByRole('row', { name: new RegExp(DEFAULT_MODELS[0]!.name) })
    await expect(row).toContainText(/Loaded: .* until/)
  })
})

test.describe('models that cannot generate, and models that think', () => {
  test.use({
    ollamaOptions: {
      tokenDelayMs: 2,
      models: [DEFAULT_MODELS[0]!, EMBEDDING_MODEL, THINKING_MODEL],
    },
  })

  test('the Models pane shows an embedding model as "can\'t generate text", not for sale', async ({
    app,
  }) => {
    const models = await openPane(app, 'Models')
    const installed = models.getByRole('table', { name: 'Installed models' })
    const row = installed.getByRole('row', { name: new RegExp(EMBEDDING_MODEL.name) })
    await expect(row).toContainText("can't generate text", { timeout: 20_000 })
    await expect(row.getByRole('checkbox')).toHaveCount(0)
    const thinker = installed.getByRole('row', { name: new RegExp(THINKING_MODEL.name) })
    await expect(thinker).toContainText('reasons (thinking)')
    await expect(
      models.getByRole('checkbox', { name: `Offer ${THINKING_MODEL.name} for sale` }),
    ).toBeChecked()
  })

  test('a thinking model asked to think: the result is the answer, never the reasoning', async ({
    app,
    customer,
  }) => {
    await goOnline(app)
    const prompt = 'Why is the sky blue?'
    const request = await customer.sendRequest({
      prompt,
      params: { model: THINKING_MODEL.name, think: 'true' },
    })
    const result = await customer.waitForResult(request.id, 20_000)
    expect(result.content).toBe(echoReply(prompt))
    expect(result.content).not.toContain(thinkingReply(prompt))
  })

  test('a request naming the embedding model is refused with why', async ({ app, customer }) => {
    await goOnline(app)
    const request = await customer.sendRequest({
      prompt: 'embed this',
      params: { model: EMBEDDING_MODEL.name },
    })
    const error = await customer.waitForFeedback(request.id, 'error', 20_000)
    expect(error.tags.find((t) => t[0] === 'status')?.[2]).toContain("can't generate text")
  })
})
