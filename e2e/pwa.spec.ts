/** PWA smoke: installable metadata is linked and the service worker takes control. */
import { expect, test } from '../fixtures/test.ts'

test('the manifest is linked and the service worker registers', async ({ app, appServer }) => {
  const href = await app.locator('link[rel="manifest"]').getAttribute('href')
  expect(href).toBeTruthy()
  const response = await app.request.get(new URL(href ?? '', `${appServer.url}/`).href)
  expect(response.ok()).toBe(true)
  const manifest = (await response.json()) as { name?: string; icons?: unknown[] }
  expect(manifest.name).toBeTruthy()
  expect(manifest.icons?.length ?? 0).toBeGreaterThan(0)

  const state = await app.evaluate(async () => {
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 15_000))
    const ready = navigator.serviceWorker.ready.then((reg) => reg.active?.state ?? 'none')
    return Promise.race([ready, timeout])
  })
  expect(['activating', 'activated']).toContain(state)
})
