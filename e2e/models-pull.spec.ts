/**
 * Pulling models in words (issue 17 point 11): a failed pull says what went wrong and keeps the
 * name for correcting, the message goes on the next action, and an Ollama with no models is
 * offered a few small ones to pull with one press.
 */
import { expectAxeCleanInBothThemes } from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/test.ts'
import { openPane } from '../fixtures/ui.ts'

const NO_SUCH_MODEL = 'no such model in the Ollama library'

test.describe('a pull that fails', () => {
  test.use({ ollamaOptions: { tokenDelayMs: 2, pullStepDelayMs: 20 } })

  test('says why in words, keeps the name, and clears on the next action', async ({
    app,
    ollama,
  }) => {
    const models = await openPane(app, 'Models')
    const name = models.getByRole('textbox', { name: 'Model to pull' })
    const pull = models.getByRole('button', { name: 'Pull model', exact: true })
    const failed = models.getByText(`Pull of smollm2:135 failed: ${NO_SUCH_MODEL}`)

    await name.fill('smollm2:135')
    await pull.click()
    // Said once, in words, with Ollama's own after them.
    await expect(failed).toHaveCount(1)
    await expect(failed).toHaveText(
      `Pull of smollm2:135 failed: ${NO_SUCH_MODEL}. Check the name and its tag at ollama.com/library (Ollama said: pull model manifest: file does not exist)`,
    )
    // The fake answered as a real Ollama does: a 200, then the error inside the stream.
    expect(
      ollama.requests().filter((r) => r.path === '/api/pull' && r.method === 'POST'),
    ).toHaveLength(1)
    await expect(name).toHaveValue('smollm2:135')
    await expect(name).toBeFocused()
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expectAxeCleanInBothThemes(app, 'Models after a failed pull')

    // Correcting the name is the next action: the old message goes at once.
    await name.press('End')
    await name.press('m')
    await expect(failed).toHaveCount(0)
    await expect(name).toHaveValue('smollm2:135m')
    await pull.click()
    await expect(
      models.getByRole('status').filter({ hasText: 'smollm2:135m is installed' }),
    ).toBeVisible({ timeout: 15_000 })
    // Installed: the box is empty for the next one.
    await expect(name).toHaveValue('')
  })
})

test.describe('an Ollama with no models', () => {
  test.use({
    ollamaOptions: {
      tokenDelayMs: 2,
      pullStepDelayMs: 20,
      models: [],
      pullable: [
        {
          name: 'qwen2.5:0.5b',
          family: 'qwen2',
          parameterSize: '494.03M',
          quantization: 'Q4_K_M',
          sizeBytes: 397_821_319,
        },
      ],
    },
  })

  test('is offered small models to pull, with their sizes, not a command', async ({ app }) => {
    const models = await openPane(app, 'Models')
    await expect(models.getByText('No models installed. Pull one below')).toBeVisible()
    for (const offer of [
      'Pull qwen2.5:0.5b (398 MB)',
      'Pull gemma3:1b (815 MB)',
      'Pull llama3.2:1b (1.3 GB)',
    ]) {
      await expect(models.getByRole('button', { name: offer })).toBeVisible()
    }
    // The Models pane pulls with a press; it does not send the person to a terminal.
    await expect(models.getByText(/ollama pull (llama|qwen|gemma)/)).toHaveCount(0)
    const sell = await openPane(app, 'Sell Compute')
    await expect(sell.getByRole('group', { name: 'Ollama' })).toContainText(
      'Pull one in the Models pane',
    )
    await expectAxeCleanInBothThemes(app, 'Models with nothing installed')

    await models.getByRole('button', { name: 'Pull qwen2.5:0.5b (398 MB)' }).click()
    await expect(
      models.getByRole('status').filter({ hasText: 'qwen2.5:0.5b is installed' }),
    ).toBeVisible({ timeout: 15_000 })
    await expect(
      models
        .getByRole('table', { name: 'Installed models' })
        .getByRole('rowheader', { name: /^qwen2\.5:0\.5b/ }),
    ).toBeVisible()
    // Something is installed: the suggestions have done their work.
    await expect(models.getByRole('button', { name: /^Pull gemma3:1b/ })).toHaveCount(0)
  })
})
