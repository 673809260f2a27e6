/**
 * The provider's cockpit: models (pull with progress, cancel, delete, what is for sale), the
 * log (filter, pause, copy), and the Sell Compute pane's live job and test job round trip.
 */
import type { Locator } from '@playwright/test'
import { tagOf } from '../fixtures/customer.ts'
import { echoReply } from '../fixtures/fake-ollama.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, openPane } from '../fixtures/ui.ts'

const progressOf = (bar: Locator) => bar.evaluate((el) => (el as HTMLProgressElement).value)

const pull = async (models: Locator, name: string) => {
  await models.getByRole('textbox', { name: 'Model to pull' }).fill(name)
  await models.getByRole('button', { name: 'Pull model', exact: true }).click()
}

/** A model's row, found by its row header (the name, then a "Default" badge on one row). */
const modelRow = (models: Locator, name: string) =>
  models
    .getByRole('table', { name: 'Installed models' })
    .getByRole('row')
    .filter({
      has: models.page().getByRole('rowheader', {
        name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`),
      }),
    })

test.describe('Models', () => {
  test.use({ ollamaOptions: { tokenDelayMs: 2, pullStepDelayMs: 120 } })

  test('pulls a model with a progress bar, cancels another, and says why a pull failed', async ({
    app,
    ollama,
    pageErrors,
  }) => {
    const models = await openPane(app, 'Models')
    await expect(modelRow(models, 'llama3.2:1b')).toBeVisible()

    await pull(models, 'smollm2:135m')
    const bar = models.getByRole('progressbar', { name: 'Pulling smollm2:135m' })
    await expect(bar).toBeVisible()
    await expect.poll(() => progressOf(bar)).toBeGreaterThan(0)
    await expect(models.getByText(/^Downloading .* of 271 MB \(\d+%\)$/)).toBeVisible()
    await expect(
      models.getByRole('status').filter({ hasText: 'smollm2:135m is installed' }),
    ).toBeVisible({
      timeout: 15_000,
    })
    await expect(bar).toBeHidden()
    const row = modelRow(models, 'smollm2:135m')
    await expect(row).toContainText('271 MB')
    await expect(row).toContainText('134.52M')
    await expect(row).toContainText('Q8_0')

    ollama.setPullStepDelayMs(300)
    await pull(models, 'tinyllama')
    const second = models.getByRole('progressbar', { name: 'Pulling tinyllama' })
    await expect.poll(() => progressOf(second)).toBeGreaterThan(0)
    await models.getByRole('button', { name: 'Cancel pull of tinyllama' }).click()
    await expect(models.getByText('Pull of tinyllama cancelled')).toBeVisible()
    await expect(second).toBeHidden()
    await expect
      .poll(() => ollama.requests().some((r) => r.path === '/api/pull' && r.aborted))
      .toBe(true)
    expect(ollama.models().map((m) => m.name)).not.toContain('tinyllama:latest')
    await expect(modelRow(models, 'tinyllama:latest')).toHaveCount(0)

    ollama.setPullStepDelayMs(5)
    await pull(models, 'no-such-model')
    await expect(
      models.getByText(
        'Pull of no-such-model failed: no such model in the Ollama library. Check the name and its tag at ollama.com/library (Ollama said: pull model manifest: file does not exist)',
      ),
    ).toBeVisible()
    expect(pageErrors).toEqual([])
  })

  test('deletes a model only after a confirmation', async ({ app, ollama }) => {
    const models = await openPane(app, 'Models')
    const row = modelRow(models, 'qwen2.5:0.5b')
    await row.getByRole('button', { name: 'Delete qwen2.5:0.5b' }).click()
    const confirm = models.getByRole('group', { name: 'Delete qwen2.5:0.5b from Ollama?' })
    await expect(confirm).toBeVisible()
    // Focus starts on the safe choice.
    await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(confirm).toBeHidden()
    // Kept: focus goes back where the person was.
    await expect(row.getByRole('button', { name: 'Delete qwen2.5:0.5b' })).toBeFocused()
    await expect(row).toBeVisible()
    expect(ollama.models().map((m) => m.name)).toContain('qwen2.5:0.5b')

    await row.getByRole('button', { name: 'Delete qwen2.5:0.5b' }).click()
    await confirm.getByRole('button', { name: 'Delete model' }).click()
    await expect(
      models.getByRole('status').filter({ hasText: 'qwen2.5:0.5b deleted' }),
    ).toBeVisible()
    await expect(row).toHaveCount(0)
    expect(ollama.models().map((m) => m.name)).toEqual(['llama3.2:1b'])
  })

  test('sells only the models offered: the announcement lists them and jobs fall back', async ({
    app,
    relay,
    customer,
  }) => {
    const models = await openPane(app, 'Models')
    const llama = models.getByRole('checkbox', { name: 'Offer llama3.2:1b for sale' })
    const qwen = models.getByRole('checkbox', { name: 'Offer qwen2.5:0.5b for sale' })
    await expect(llama).toBeChecked()
    await expect(models.getByText(/^Every installed model is for sale/)).toBeVisible()
    await llama.uncheck()
    await expect(llama).not.toBeChecked()
    await expect(models.getByText(/^1 of 2 installed models are for sale/)).toBeVisible()
    // The last model for sale cannot be taken off: an empty list would mean all of them.
    await qwen.click()
    await expect(models.getByRole('alert')).toHaveText(/Offer at least one model/)
    await expect(qwen).toBeChecked()

    const defaultModel = models.getByRole('combobox', { name: 'Default model' })
    // With llama off sale, jobs that name no model get qwen until the person picks it.
    const qwenName = (name: string) => models.getByRole('rowheader', { name, exact: true })
    await expect(qwenName('qwen2.5:0.5b Default (automatic)')).toBeVisible()
    await defaultModel.selectOption('qwen2.5:0.5b')
    await expect(qwenName('qwen2.5:0.5b Default')).toBeVisible()
    await expect(defaultModel).toHaveValue('qwen2.5:0.5b')

    await goOnline(app)
    const announcement = await relay.waitForEvent({ kinds: [31990] }, 15_000)
    const content = JSON.parse(announcement.content) as {
      nip90Params: { model: { values: string[] } }
    }
    expect(content.nip90Params.model.values).toEqual(['qwen2.5:0.5b'])

    const request = await customer.sendRequest({
      prompt: 'Which model are you?',
      params: { model: 'llama3.2:1b' },
    })
    const result = await customer.waitForResult(request.id, 15_000)
    expect(tagOf(result, 'model')?.[1]).toBe('qwen2.5:0.5b')
  })
})

test.describe('Log', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

  test('filters by level and text, pauses while lines arrive, and copies the visible lines', async ({
    app,
    customer,
  }) => {
    await goOnline(app)
    const log = await openPane(app, 'Log')
    const entries = log.getByRole('list', { name: 'Log entries' }).getByRole('listitem')
    await expect(entries.filter({ hasText: 'connected' }).first()).toBeVisible()

    const filter = log.getByRole('searchbox', { name: 'Filter log' })
    await filter.fill('CONNECTED')
    await expect(entries.first()).toBeVisible()
    for (const text of await entries.allInnerTexts())
      expect(text.toLowerCase()).toContain('connected')

    await filter.fill('')
    const level = log.getByRole('combobox', { name: 'Level' })
    await level.selectOption({ label: 'Errors only' })
    await expect(entries).toHaveText(['No entries match the filter.'])
    await level.selectOption({ label: 'Everything' })

    await log.getByRole('button', { name: 'Pause', exact: true }).click()
    const request = await customer.sendRequest({ prompt: 'Log me' })
    await customer.waitForResult(request.id, 15_000)
    const accepted = `job ${request.id.slice(0, 8)} accepted`
    await expect(log.getByText(/Paused, [1-9]\d* new lines? waiting/)).toBeVisible()
    await expect(entries.filter({ hasText: accepted })).toHaveCount(0)
    await log.getByRole('button', { name: 'Resume', exact: true }).click()
    await expect(entries.filter({ hasText: accepted })).toHaveCount(1)

    await filter.fill(request.id.slice(0, 8))
    const visible = await entries.count()
    expect(visible).toBeGreaterThanOrEqual(2)
    await log.getByRole('button', { name: 'Copy visible lines' }).click()
    await expect(log.getByText('Copied', { exact: true })).toBeVisible()
    const copied = await app.evaluate(() => navigator.clipboard.readText())
    const lines = copied.split('\n')
    expect(lines).toHaveLength(visible)
    for (const line of lines) {
      expect(line).toMatch(/^\d\d:\d\d:\d\d (DEBUG|INFO|WARN|ERROR) /)
      expect(line).toContain(request.id.slice(0, 8))
    }
    expect(lines.some((l) => l.includes(`INFO ${accepted} from`))).toBe(true)
  })
})

test.describe('Sell Compute', () => {
  test.use({ ollamaOptions: { tokenDelayMs: 60 } })

  test('shows the job running now with its tokens streaming', async ({ app, customer }) => {
    const sell = await goOnline(app)
    const running = sell.getByRole('region', { name: 'Running now' })
    await expect(running).toContainText('No job running.')
    const prompt = Array.from({ length: 40 }, (_, n) => `word${n}`).join(' ')
    const request = await customer.sendRequest({ prompt })
    const job = running.getByRole('listitem', { name: `Job ${request.id.slice(0, 8)}` })
    await expect(job).toBeVisible({ timeout: 15_000 })
    const answer = job.getByLabel(`Job ${request.id.slice(0, 8)} answer so far`)
    await expect(answer).toContainText('Echo: word0')
    const early = (await answer.innerText()).length
    await expect(job).toContainText(/\d+ tokens · [\d.]+ (ms|s)/)
    await expect.poll(async () => (await answer.innerText()).length).toBeGreaterThan(early)
    expect(echoReply(prompt).startsWith(await answer.innerText())).toBe(true)
    await customer.waitForResult(request.id, 15_000)
    await expect(running).toContainText('No job running.')
    await expect(sell.getByText('Jobs served').locator('..')).toContainText('1')
  })
})

test('Send test job: a real request through the relay, answered, with its latency', async ({
  app,
  relay,
}) => {
  const sell = await openPane(app, 'Sell Compute')
  const send = sell.getByRole('button', { name: 'Send test job' })
  await expect(send).toBeDisabled()
  await goOnline(app)
  await send.click()
  await expect(
    sell.getByRole('status').filter({ hasText: /^Test job answered in [\d.]+ (ms|s)$/ }),
  ).toBeVisible({
    timeout: 20_000,
  })
  const result = relay.events().find((e) => e.kind === 6050)
  expect(result).toBeDefined()
  const requestId = tagOf(result!, 'e')?.[1]
  const request = relay.events().find((e) => e.id === requestId)
  expect(request?.kind).toBe(5050)
  // From a throwaway key, addressed to this provider.
  expect(request?.pubkey).not.toBe(result?.pubkey)
  expect(request?.tags).toContainEqual(['p', result?.pubkey])
  await expect(sell.getByText(result!.content)).toBeVisible()
})
