/**
 * The baseline: the smallest honest NIP-90 text provider written directly on nostr-tools,
 * run as a Web Worker in the same browser as the app. It sends the same events in the same
 * order as the app (processing, the 6050 result, success), waiting for the relay's OK on each
 * as the app does, and calls the same fake Ollama the same way (streamed NDJSON). What it
 * leaves out is everything the app adds: the IndexedDB journal, the queue, the UI, the log.
 * It also times the primitives both spend their CPU on (worker-costs.ts), to explain results.
 */
import { SimplePool } from 'nostr-tools/pool'
import {
  finalizeEvent,
  generateSecretKey,
  getPublicKey,
  type Event,
  type EventTemplate,
} from 'nostr-tools/pure'
import { workerCosts } from './worker-costs.ts'

export type BaselineCommand =
  | { type: 'start'; relay: string; ollama: string; model: string }
  | { type: 'stop' }
  | { type: 'costs'; samples: number }

const GENERATION_TIMEOUT_MS = 300_000
// nostr-tools gives up on an OK after 4.4 s; a relay under a burst can take longer than that
// to answer, and a provider should wait rather than drop the job.
const PUBLISH_TIMEOUT_MS = 60_000

interface Running {
  pool: SimplePool
  close: () => void
  relay: string
}

let running: Running | undefined
const secretKey = generateSecretKey()
const pubkey = getPublicKey(secretKey)
const reply = (message: unknown) => (self as unknown as Worker).postMessage(message)
const nowS = () => Math.floor(Date.now() / 1000)

/** One streamed generation, read line by line as the app's Ollama client reads it. */
const generate = async (ollama: string, model: string, prompt: string) => {
  const res = await fetch(`${ollama}/api/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, prompt, stream: true }),
    signal: AbortSignal.timeout(GENERATION_TIMEOUT_MS),
  })
  if (!res.ok || res.body === null) throw new Error(`Ollama answered ${res.status}`)
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  let buffered = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error('Ollama stopped before the done line')
    buffered += value
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      if (line.trim() === '') continue
      const part = JSON.parse(line) as { response?: string; done?: boolean; eval_count?: number }
      text += part.response ?? ''
      if (part.done) return { text, completionTokens: part.eval_count ?? 0 }
    }
  }
}

const serve = async (run: Running, ollama: string, model: string, request: Event) => {
  const publish = (template: EventTemplate) =>
    Promise.any(run.pool.publish([run.relay], finalizeEvent(template, secretKey)))
  const feedback = (status: string, text: string): EventTemplate => ({
    kind: 7000,
    created_at: nowS(),
    tags: [
      ['status', status, text],
      ['e', request.id, run.relay],
      ['p', request.pubkey],
    ],
    content: '',
  })
  const inputs = request.tags.filter((t) => t[0] === 'i')
  const prompt = inputs.map((t) => t[1] ?? '').join('\n\n')
  try {
    await publish(feedback('processing', 'Generating your answer'))
    const generation = await generate(ollama, model, prompt)
    await publish({
      kind: 6050,
      created_at: nowS(),
      tags: [
        ['request', JSON.stringify(request)],
        ['e', request.id, run.relay],
        ...inputs,
        ['p', request.pubkey],
        ['model', model],
        ['usage', '0', String(generation.completionTokens)],
      ],
      content: generation.text,
    })
    await publish(feedback('success', 'Done'))
  } catch (e) {
    await publish(feedback('error', `Failed: ${String(e)}`)).catch(() => undefined)
  }
}

const start = async (relay: string, ollama: string, model: string) => {
  running?.close()
  const pool = new SimplePool({ enablePing: false, enableReconnect: false })
  const run: Running = { pool, relay, close: () => undefined }
  const connection = await pool.ensureRelay(relay, { connectionTimeout: 5000 })
  connection.publishTimeout = PUBLISH_TIMEOUT_MS
  // SimplePool verifies every event's signature before onevent, as the app does.
  const sub = pool.subscribeMany(
    [relay],
    { kinds: [5050], since: nowS() },
    {
      onevent: (request) => {
        const p = request.tags.find((t) => t[0] === 'p')?.[1]
        if (p !== undefined && p !== pubkey) return
        void serve(run, ollama, model, request)
      },
      oneose: () => reply({ type: 'started', pubkey }),
    },
  )
  run.close = () => {
    sub.close()
    pool.destroy()
  }
  running = run
}

self.addEventListener('message', (e: MessageEvent<BaselineCommand>) => {
  const command = e.data
  if (command.type === 'start') {
    start(command.relay, command.ollama, command.model).catch((e: unknown) =>
      reply({ type: 'started', error: String(e) }),
    )
  }
  if (command.type === 'stop') {
    running?.close()
    running = undefined
    reply({ type: 'stopped' })
  }
  if (command.type === 'costs') {
    void workerCosts(command.samples, secretKey).then((c) => reply({ type: 'costs', ...c }))
  }
})
