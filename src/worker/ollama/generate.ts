import type { GenerateRequest, Options } from 'ollama/browser'
import type { TokenUsage } from '../../shared/job-state.ts'
import type { JobParams } from '../../shared/nip90/index.ts'
import { backoffMs, sleep } from '../relay/backoff.ts'
import { ollamaClient } from './client.ts'
import { classifyOllamaError } from './errors.ts'

export interface GenerateInput {
  url: string
  model: string
  prompt: string
  params: JobParams
  timeoutMs: number
  signal: AbortSignal
  /**
   * Sent as `think` to a model that can think (true: reason first, false: answer directly).
   * Undefined for a model that cannot: Ollama refuses `think: true` there, and omitting it on
   * a thinking model means "think", so a thinking model always gets a value.
   */
  think?: boolean
  /** How long Ollama keeps the model loaded after this job, e.g. "30m". */
  keepAlive?: string
  /** The context window to run with; the same value as the warm-up, or Ollama reloads. */
  numCtx?: number
  /** Called with the answer so far as tokens stream in. */
  onText?: (textSoFar: string) => void
  /** Called for each token of reasoning, before the answer starts. */
  onThinking?: () => void
  /** Tries when Ollama answers 503 "server busy"; default 4. */
  busyTries?: number
}

export interface Generation {
  /** The answer, without the model's reasoning. */
  text: string
  usage: TokenUsage
  doneReason?: string
  /** Tokens the model spent reasoning (streamed in `thinking`). */
  thinkingTokens: number
  /** How long Ollama took to load the model for this job, in ms (0 when it was loaded). */
  loadMs: number
}

const optionsOf = (p: JobParams, numCtx: number | undefined): Partial<Options> => {
  const options: Partial<Options> = {}
  if (p.maxTokens !== undefined) options.num_predict = p.maxTokens
  if (p.temperature !== undefined) options.temperature = p.temperature
  if (p.topK !== undefined) options.top_k = p.topK
  if (p.topP !== undefined) options.top_p = p.topP
  if (p.frequencyPenalty !== undefined) options.frequency_penalty = p.frequencyPenalty
  if (p.presencePenalty !== undefined) options.presence_penalty = p.presencePenalty
  if (p.seed !== undefined) options.seed = p.seed
  if (p.stop && p.stop.length > 0) options.stop = p.stop
  if (numCtx !== undefined) options.num_ctx = numCtx
  return options
}

/**
 * Start a request, retrying while Ollama says it is busy (503: its queue is full). Nothing
 * was generated yet when it says so, so a retry cannot repeat anything.
 */
export const whileBusy = async <T>(
  start: () => Promise<T>,
  signal: AbortSignal,
  tries: number,
  waitMs: (attempt: number) => number = (attempt) => backoffMs(attempt),
): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await start()
    } catch (e) {
      if (attempt + 1 >= tries || signal.aborted || classifyOllamaError(e).kind !== 'busy') throw e
      await sleep(waitMs(attempt), signal)
    }
  }
}

/** Stream one generation; Ollama's own token counts come on the final `done` line. */
export const generate = async (g: GenerateInput): Promise<Generation> => {
  const client = ollamaClient(g.url, g.signal, g.timeoutMs)
  const request: GenerateRequest & { stream: true } = {
    model: g.model,
    prompt: g.prompt,
    stream: true,
    options: optionsOf(g.params, g.numCtx),
  }
  if (g.think !== undefined) request.think = g.think
  if (g.keepAlive !== undefined) request.keep_alive = g.keepAlive
  const stream = await whileBusy(() => client.generate(request), g.signal, g.busyTries ?? 4)
  let text = ''
  let thinkingTokens = 0
  for await (const part of stream) {
    if (part.thinking) {
      thinkingTokens++
      g.onThinking?.()
    }
    if (part.response) {
      text += part.response
      g.onText?.(text)
    }
    if (part.done) {
      const generation: Generation = {
        text,
        usage: {
          promptTokens: part.prompt_eval_count ?? 0,
          completionTokens: part.eval_count ?? 0,
        },
        thinkingTokens,
        loadMs: Math.round((part.load_duration ?? 0) / 1e6),
      }
      if (part.done_reason) generation.doneReason = part.done_reason
      return generation
    }
  }
  throw new Error('Ollama stopped before finishing the answer')
}
