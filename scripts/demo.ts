/**
 * A whole market on one machine: a relay, a fake Ollama, the built app, and a customer who
 * asks for text every few seconds. Open the printed link, press Go Online, watch jobs sell.
 *
 *   npm run demo                 # until Ctrl+C
 *   npm run demo -- --ttl 30     # stop by itself after 30 s (smoke tests)
 */
import { parseArgs } from 'node:util'
import { createCustomer, statusOf } from '../fixtures/customer.ts'
import { DEFAULT_MODELS, startFakeOllama } from '../fixtures/fake-ollama.ts'
import { startRelay } from '../fixtures/relay.ts'
import { serveApp } from '../fixtures/serve-app.ts'
import { setupLink } from '../fixtures/setup-link.ts'

const PROMPTS = [
  'Write a haiku about relays at dawn',
  'Explain Lightning invoices to a five-year-old',
  'List three uses for a spare GPU',
  'Summarize NIP-90 in one sentence',
  'Give a cat a name that sounds like a satellite',
  'Describe the smell of rain in ten words',
  'Suggest a motto for a tiny compute co-op',
]
// Under the provider's default limit of 10 requests per customer a minute: a newcomer's demo
// shows jobs selling, not "rate limited" refusals.
const REQUEST_EVERY_MS = 7_000
const REPORT_EVERY_MS = 250

const { values } = parseArgs({ options: { ttl: { type: 'string' } } })
const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl)
if (ttlSeconds !== undefined && !(ttlSeconds > 0)) {
  console.error(`--ttl wants a number of seconds, got "${values.ttl}"`)
  process.exit(2)
}

const log = (who: string, line: string) =>
  console.log(`${new Date().toISOString().slice(11, 19)} ${who.padEnd(8)} ${line}`)

// The app first: without a build there is nothing to demo, and nothing else to clean up.
const app = await serveApp()
const relay = await startRelay()
const ollama = await startFakeOllama({ models: DEFAULT_MODELS, tokenDelayMs: 40 })
const customer = await createCustomer([relay.url])

console.log(`\nRelay       ${relay.url}`)
console.log(
  `Fake Ollama ${ollama.url} (${ollama
    .models()
    .map((m) => m.name)
    .join(', ')})`,
)
console.log(`Customer    ${customer.pubkey}`)
console.log(`\nOpen ${setupLink(app.url, relay.url, ollama.url)}\n`)

const sentIds: string[] = []
const reported = new Set<string>()

/** Report each reply once, as the customer's subscription brings it in. */
const reportReplies = () => {
  for (const id of sentIds) {
    for (const event of [...customer.feedback(id), ...customer.results(id)]) {
      if (reported.has(event.id)) continue
      reported.add(event.id)
      const short = id.slice(0, 8)
      if (event.kind === 6050)
        log('customer', `result for ${short}: ${JSON.stringify(event.content)}`)
      else log('customer', `feedback for ${short}: ${statusOf(event) ?? '?'}`)
    }
  }
}

const sendOne = async () => {
  const prompt = PROMPTS[sentIds.length % PROMPTS.length] ?? 'Say hello'
  try {
    const asked = performance.now()
    const request = await customer.sendRequest({ prompt, params: { max_tokens: 200 } })
    sentIds.push(request.id)
    log('customer', `asked ${request.id.slice(0, 8)}: ${prompt}`)
    // Request to result as the customer sees it (includes waiting for Go Online).
    customer
      .waitForResult(request.id, 10 * 60_000)
      .then(() => {
        const ms = Math.round(performance.now() - asked)
        log('customer', `${request.id.slice(0, 8)} answered ${ms} ms after it was asked`)
      })
      .catch(() => undefined)
  } catch (error) {
    log('customer', `could not send: ${String(error)}`)
  }
}

const timers = [
  setInterval(() => void sendOne(), REQUEST_EVERY_MS),
  setInterval(reportReplies, REPORT_EVERY_MS),
]
void sendOne()

let stopping = false
const stop = async (why: string) => {
  if (stopping) return
  stopping = true
  log('demo', `stopping (${why})`)
  for (const timer of timers) clearTimeout(timer)
  customer.close()
  await Promise.all([app.stop(), ollama.stop(), relay.stop()])
  // Nothing is left holding the event loop, so Node exits by itself.
  log('demo', `stopped after ${sentIds.length} requests`)
}

if (ttlSeconds !== undefined) {
  timers.push(setTimeout(() => void stop(`--ttl ${ttlSeconds}`), ttlSeconds * 1000))
}
process.once('SIGINT', () => void stop('SIGINT'))
process.once('SIGTERM', () => void stop('SIGTERM'))
