/** When Ollama is not there, not allowed, or dies mid-job, the person is told why. */
import { statusOf, tagOf } from '../fixtures/customer.ts'
import { expect, setupLink, test } from '../fixtures/test.ts'
import { goOnline, jobRows, jobRowsWith, openPane } from '../fixtures/ui.ts'

// Words any "cannot reach Ollama" reason uses: unreachable, can't reach, not running, refused.
const UNREACHABLE = /reach|not running|refused/i

test('Ollama down: Go Online stays disabled and the pane says why', async ({
  page,
  appServer,
  relay,
  ollama,
}) => {
  await ollama.stop()
  await page.goto(setupLink(appServer.url, relay.url, ollama.url))
  const sell = await openPane(page, 'Sell Compute')
  await expect(sell).toContainText(UNREACHABLE, { timeout: 20_000 })
  await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeDisabled()
})

test.describe('Ollama without OLLAMA_ORIGINS', () => {
  test.use({ ollamaOptions: { tokenDelayMs: 2, noCors: true } })

  test('Go Online stays disabled and the fix names OLLAMA_ORIGINS', async ({ app }) => {
    const sell = await openPane(app, 'Sell Compute')
    await expect(sell).toContainText('OLLAMA_ORIGINS', { timeout: 20_000 })
    await expect(sell.getByRole('button', { name: 'Go Online', exact: true })).toBeDisabled()
  })
})

test('Ollama failing mid-job: error feedback, no result, and a failed row', async ({
  app,
  customer,
  ollama,
}) => {
  await goOnline(app)
  // Only generation breaks: the readiness checks before it keep working.
  ollama.setFailMidStream(2)
  const request = await customer.sendRequest({ prompt: 'Tell me a long story about sats' })

  const error = await customer.waitForFeedback(request.id, 'error', 20_000)
  expect(tagOf(error, 'status')?.[2]?.trim()).toBeTruthy()
  expect(customer.results(request.id)).toEqual([])
  expect(customer.feedback(request.id).map(statusOf)).not.toContain('success')

  const history = await openPane(app, 'Job History')
  await expect(jobRowsWith(history, 'failed')).toHaveCount(1)
  await expect(jobRows(history)).toHaveCount(1)
})
