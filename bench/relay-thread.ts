/**
 * The test relay (e2e/fixtures/relay.ts) on a thread of its own: it verifies every event in
 * pure JS, and on the bench's main thread that work would delay the fake Ollama's tokens and
 * the probe's clock. The thread answers with its URL and stops when told.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { startRelay } from '../e2e/fixtures/relay.ts'

export interface RelayThread {
  url: string
  stop(): Promise<void>
}

export const startRelayThread = async (): Promise<RelayThread> => {
  // Through tsx's API, so the thread can run this TypeScript file as it is.
  const api = import.meta.resolve('tsx/esm/api')
  const self = JSON.stringify(import.meta.url)
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${self}, ${self}))`
  const worker = new Worker(boot, { eval: true })
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url))
    worker.once('error', reject)
  })
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.postMessage('stop')
      await exited
    },
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort
  const relay = await startRelay()
  port.on('message', async () => {
    await relay.stop()
    port.close()
  })
  port.postMessage({ url: relay.url })
}
