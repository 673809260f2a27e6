/**
 * The policy reaches the worker: the engine worker holds the decrypted key and the wallet
 * secrets, and a worker obeys only the policy sent with its own script, never the page's
 * <meta>. Another origin serves a script that would run if it could; neither the page nor the
 * worker may load it, and no other site may frame the app.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page, Worker } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'

/** Another origin: a script any page may import (CORS open), and a page that frames the app. */
const startOtherOrigin = async (appUrl: string) => {
  const server = createServer((req, res) => {
    if (req.url === '/evil.js') {
      res.writeHead(200, {
        'Content-Type': 'text/javascript',
        'Access-Control-Allow-Origin': '*',
      })
      return res.end('globalThis.evilRan = true; export const ran = true')
    }
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><title>framer</title><iframe src="${appUrl}/"></iframe>`)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}

const engineWorker = async (page: Page): Promise<Worker> => {
  await expect.poll(() => page.workers().some((w) => w.url().includes('/assets/'))).toBe(true)
  const worker = page.workers().find((w) => w.url().includes('/assets/'))
  if (!worker) throw new Error('no engine worker')
  return worker
}

const directives = (policy: string | undefined) =>
  new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values]),
  )

// Runs in the page or in the worker: try the import, report whether it ran and what refused it.
const tryImport = async (url: string) => {
  const scope = globalThis as unknown as EventTarget & { evilRan?: boolean }
  const violation = new Promise<string>((resolve) => {
    scope.addEventListener('securitypolicyviolation', (e) =>
      resolve((e as SecurityPolicyViolationEvent).effectiveDirective),
    )
    setTimeout(() => resolve('no violation reported'), 5_000)
  })
  let failed = false
  try {
    await import(/* @vite-ignore */ url)
  } catch {
    failed = true
  }
  return { ran: scope.evilRan === true, failed, refusedBy: failed ? await violation : 'nothing' }
}

// The smallest WebAssembly module there is: compiling it is what 'wasm-unsafe-eval' allows.
const compileWasm = () =>
  WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
    () => 'compiled',
    () => 'refused',
  )

test('the CSP is a response header on the page and the engine worker, and a cross-origin script is refused in both', async ({
  app,
  appServer,
}) => {
  const other = await startOtherOrigin(appServer.url)
  try {
    const page = await app.request.get(`${appServer.url}/?relays=x`)
    const pagePolicy = directives(page.headers()['content-security-policy'])
    expect(pagePolicy.get('script-src')).toEqual(["'self'"])
    expect(pagePolicy.get('frame-ancestors')).toEqual(["'none'"])
    expect(pagePolicy.get('object-src')).toEqual(["'none'"])
    expect(page.headers()['x-frame-options']).toBe('DENY')

    const worker = await engineWorker(app)
    const script = await app.request.get(worker.url())
    const workerPolicy = directives(script.headers()['content-security-policy'])
    // Spark's WebAssembly runs in the engine, so only the engine may compile any.
    expect(workerPolicy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(workerPolicy.get('default-src')).toEqual(["'self'"])

    const evil = `${other.url}/evil.js`
    expect(await worker.evaluate(tryImport, evil)).toEqual({
      ran: false,
      failed: true,
      refusedBy: 'script-src-elem',
    })
    expect(await app.evaluate(tryImport, evil)).toMatchObject({ ran: false, failed: true })
    expect(await worker.evaluate(compileWasm)).toBe('compiled')
    expect(await app.evaluate(compileWasm)).toBe('refused')
    // The engine still works after the refusal.
    await expect(app.getByRole('toolbar', { name: 'Hotbar' })).toBeVisible()

    // Framed by another site: the browser refuses to render the app inside it.
    const framer = await app.context().newPage()
    const blocked = framer.waitForEvent('console', (m) =>
      /frame-ancestors|X-Frame-Options/.test(m.text()),
    )
    await framer.goto(other.url)
    await blocked
    await expect(
      framer.frameLocator('iframe').getByRole('toolbar', { name: 'Hotbar' }),
    ).toHaveCount(0)
    await framer.close()
  } finally {
    await other.stop()
  }
})
