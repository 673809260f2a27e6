/**
 * The test relay (fixtures/relay.ts) on a thread of its own, so its verification does not
 * delay the fake Ollama's tokens or the probe's clock. The thread answers with its URL and stops
 * when told.
 *
 * How it verifies (`verify`):
 * - 'js': the fixture as the e2e tests run it, nostr-tools' pure-JS secp256k1 (about 1.6 ms an
 *   event on this machine: a ceiling near 150 jobs/s that both providers hit in a burst).
 * - 'wasm' (the bench's default): the same checks with libsecp256k1 compiled to WebAssembly
 *   (nostr-wasm, the fast path nostr-tools itself offers), as public relays verify in native
 *   libsecp256k1. Every event is still verified and a bad one refused, so the providers see
 *   what they would see on an honest relay, only the rig's ceiling moves out of the way. It was
 *   chosen over trusting the bench's own events because the providers' events are signed in
 *   the browser, not by the bench, and over a pool of verifier threads because this machine
 *   has two cores: a pool spreads the same CPU time, it does not shrink it.
 * Either way, a connection that says `["BENCH-UNVERIFIED"]` first has its events stored and
 * sent on without verification: the flood's forged events model a relay that does not verify,
 * which providers must survive (nothing else reaches a provider unverified).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { initNostrWasm } from 'nostr-wasm'
import { setNostrWasm, validateEvent, verifyEvent, type Event } from 'nostr-tools/wasm'
import { startRelay, type RelayClient, type TestRelay } from '../fixtures/relay.ts'

export type RelayVerify = 'js' | 'wasm'

export interface RelayThread {
  url: string
  verify: RelayVerify
  stop(): Promise<void>
}

export const startRelayThread = async (verify: RelayVerify = 'wasm'): Promise<RelayThread> => {
  // Through tsx's API, so the thread can run this TypeScript file as it is.
  const api = import.meta.resolve('tsx/esm/api')
  const self = JSON.stringify(import.meta.url)
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${self}, ${self}))`
  const worker = new Worker(boot, { eval: true, workerData: { verify } })
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url))
    worker.once('error', reject)
  })
  return {
    url,
    verify,
    stop: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.postMessage('stop')
      await exited
    },
  }
}

/** EVENT frames checked here instead of by the fixture: wasm verification, unverified peers. */
const interceptor = (verify: RelayVerify, relay: () => TestRelay) => {
  const unverified = new WeakSet<RelayClient>()
  return (client: RelayClient, message: unknown[]): boolean => {
    if (message[0] === 'BENCH-UNVERIFIED') {
      unverified.add(client)
      return true
    }
    if (message[0] !== 'EVENT') return false
    const trusted = unverified.has(client)
    if (verify === 'js' && !trusted) return false
    const raw = message[1] as Record<string, unknown> | undefined
    const id = typeof raw?.id === 'string' ? raw.id : ''
    if (!validateEvent(raw) || typeof raw?.sig !== 'string') {
      client.send(['OK', id, false, 'invalid: malformed event'])
      return true
    }
    const event = raw as unknown as Event
    if (!trusted && !verifyEvent(event)) {
      client.send(['OK', id, false, 'invalid: bad id or signature'])
      return true
    }
    const { ok, reason } = relay().injectEvent(event)
    client.send(['OK', id, ok, reason])
    return true
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort
  const verify = (workerData as { verify: RelayVerify }).verify
  if (verify === 'wasm') setNostrWasm(await initNostrWasm())
  // The interceptor reaches the relay it belongs to only once startRelay has returned it.
  const holder: { relay?: TestRelay } = {}
  const relay = await startRelay({
    intercept: interceptor(verify, () => holder.relay as TestRelay),
  })
  holder.relay = relay
  port.on('message', async () => {
    await relay.stop()
    port.close()
  })
  port.postMessage({ url: relay.url })
}
