/**
 * Streaming: a model that emits tokens at a fixed rate, and the rate at which those tokens
 * reach the customer.
 *
 * - The model's own rate: tokens / (request sent to done line) for a client that calls the
 *   same fake Ollama directly with the same prompt, in the same run (timers in Node drift,
 *   so the nominal rate is not used).
 * - The rate reaching the customer: tokens in the 6050 result / (customer receives
 *   `processing` to customer receives the result). The app sends `processing` just before it
 *   calls Ollama, so this window is the generation plus everything the app adds to deliver it
 *   (stream handling, partial feedback, journaling, signing, publishing); relay transit is
 *   in both ends of the window and cancels out.
 * The ratio is the share of the model's speed that the customer gets.
 */
import type { AppSession } from './app-page.ts'
import type { BenchEnv } from './env.ts'
import { benchPrompt } from './fake-model.ts'
import type { Measures } from './measures.ts'
import type { Probe } from './probe.ts'
import { median, round } from './stats.ts'

const SECTION = 'Streaming'
const TOKENS = 250
const TOKEN_DELAY_MS = 20

const countTokens = (text: string) => text.match(/\s*\S+/g)?.length ?? 0

/** One generation straight from the fake Ollama: tokens and ms from request to done line. */
const direct = async (ollamaUrl: string, model: string, prompt: string) => {
  const started = performance.now()
  const res = await fetch(`${ollamaUrl}/api/generate`, {
    method: 'POST',
    body: JSON.stringify({ model, prompt, stream: true }),
    signal: AbortSignal.timeout(60_000),
  })
  if (res.body === null) throw new Error(`the fake Ollama answered ${res.status} with no body`)
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  let tail = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    tail += value
    const lines = tail.split('\n')
    tail = lines.pop() ?? ''
    for (const line of lines.filter((l) => l.trim() !== '')) {
      const part = JSON.parse(line) as { response?: string; done?: boolean }
      text += part.response ?? ''
      if (part.done) return { tokens: countTokens(text), ms: performance.now() - started }
    }
  }
  throw new Error('the fake Ollama ended its stream without a done line')
}

export const runStreaming = async (
  env: BenchEnv,
  parties: { app: AppSession; probe: Probe; model: string },
  runs: number,
  measures: Measures,
) => {
  const { app, probe, model } = parties
  env.ollama.setTokenDelayMs(TOKEN_DELAY_MS)
  const rows: {
    modelRate: number
    delivered: number
    partials: number
    partialRatios: number[]
  }[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const alone = await direct(env.ollama.url, model, benchPrompt(TOKENS, `direct ${i}`))
      const modelRate = alone.tokens / (alone.ms / 1000)
      const [request] = probe.sign([benchPrompt(TOKENS, `stream ${i}`)], app.pubkey)
      if (request === undefined) throw new Error('could not sign a request')
      probe.send([request])
      await probe.waitForReplies([request.id], 60_000)
      const t = probe.timing(request.id)
      if (t?.result === undefined || t.processingAt === undefined || t.resultAt === undefined) {
        throw new Error(`streaming job failed: ${t?.errors.join('; ') ?? 'no reply'}`)
      }
      const tokens = countTokens(t.result.content)
      if (tokens !== TOKENS) throw new Error(`the result has ${tokens} tokens, not ${TOKENS}`)
      const delivered = tokens / ((t.resultAt - t.processingAt) / 1000)
      // Each partial carries the text so far: its rate since processing, against the model's.
      const partialRatios = t.partials.map(
        (p) => countTokens(p.content) / ((p.at - t.processingAt!) / 1000) / modelRate,
      )
      rows.push({ modelRate, delivered, partials: t.partials.length, partialRatios })
    }
  } finally {
    env.ollama.setTokenDelayMs(0)
  }
  const add = (name: string, value: number, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value: round(value, 3), unit, ...extra })
  const ratios = rows.map((r) => r.delivered / r.modelRate)
  add("model's own rate (direct client)", median(rows.map((r) => r.modelRate)), 'tokens/s', {
    note: `${TOKENS} tokens, ${TOKEN_DELAY_MS} ms apart`,
  })
  add('rate reaching the customer', median(rows.map((r) => r.delivered)), 'tokens/s', {
    note: 'tokens in the result / (processing received to result received)',
  })
  add('customer rate / model rate', median(ratios), 'x', {
    budget: { op: '>=', limit: 0.98 },
    note: `median of ${runs} jobs`,
  })
  const partialRatios = rows.flatMap((r) => r.partialRatios)
  add('partial feedback per job', median(rows.map((r) => r.partials)), 'events', {
    note: 'the app throttles partials to one per 2 s',
  })
  add('text in partials / model rate, lowest', Math.min(...partialRatios), 'x', {
    note: 'tokens in a partial / time since processing, against the model',
  })
  measures.detail('streaming', { tokens: TOKENS, tokenDelayMs: TOKEN_DELAY_MS, rows })
}
