/** The journal survives the tab: a reload keeps the history of jobs served. */
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRowsWith, openPane } from '../fixtures/ui.ts'
import { engineIdle } from '../fixtures/engine-idle.ts'

test('reload while online: the completed job is still in Job History', async ({
  app,
  customer,
}) => {
  await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'Remember me' })
  await customer.waitForFeedback(request.id, 'success', 15_000)
  const before = await openPane(app, 'Job History')
  await expect(jobRowsWith(before, 'completed')).toHaveCount(1)

  await app.reload()
  const after = await openPane(app, 'Job History')
  await expect(jobRowsWith(after, 'completed')).toHaveCount(1)
  // Served once: the reload must not run it again.
  await engineIdle(app)
  expect(customer.results(request.id)).toHaveLength(1)
})
