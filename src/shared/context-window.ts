/**
 * Context windows. Ollama's /api/generate silently cuts a prompt longer than its context, so
 * a job is checked before it runs: the prompt (estimated in tokens from its characters) plus
 * the tokens it may generate must fit the window the model runs with.
 */
import type { JobParams } from './nip90/types.ts'
import type { Settings } from './settings.ts'
import type { ModelInfo } from './worker-api.ts'
import { err, ok, type Result } from './result.ts'

/**
 * The window used when the provider sets none: the model's own, capped, because Ollama's
 * memory use grows with the context and a 128k window does not fit most machines.
 */
export const SAFE_CONTEXT_TOKENS = 8192
/** For a model whose context Ollama did not say (older Ollama): its own historical default. */
export const UNKNOWN_CONTEXT_TOKENS = 4096
/** A job that names no max_tokens still needs room to say something. */
export const MIN_ANSWER_TOKENS = 256

/**
 * The num_ctx a model runs with: the provider's setting (0: the model's own, capped), never
 * more than the model was trained for. Jobs and the warm-up send the same, since Ollama
 * reloads a model whose num_ctx changes.
 */
export const contextWindow = (model: Pick<ModelInfo, 'contextLength'>, numCtx: number): number => {
  const own = model.contextLength ?? UNKNOWN_CONTEXT_TOKENS
  return numCtx > 0 ? Math.min(numCtx, own) : Math.min(own, SAFE_CONTEXT_TOKENS)
}

/**
 * Tokens a text takes, erring high: about 4 characters per token is typical for English, so
 * 3 leaves room for code and numbers; any other character may be a token of its own (CJK) or
 * more than one, so each counts as one.
 */
export const estimateTokens = (text: string): number => {
  let ascii = 0
  let other = 0
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii++
    else other++
  }
  return Math.ceil(ascii / 3) + other
}

/** The tokens the answer may take, or why the job does not fit. */
export type ContextFit = Result<{ numPredict: number }>

/**
 * Whether a prompt and its answer fit the window, and how many tokens the answer may take.
 * A max_tokens the customer asked for is a promise: if it cannot fit, the job is refused. With
 * none asked, the answer gets the provider's cap or what room is left, whichever is less.
 */
export const fitContext = (o: {
  prompt: string
  /** The customer's max_tokens, already clamped to the provider's cap. */
  maxTokens: number | undefined
  cap: number
  window: number
  model: string
}): ContextFit => {
  const promptTokens = estimateTokens(o.prompt)
  const room = o.window - promptTokens
  const about = `about ${promptTokens.toLocaleString('en')} tokens`
  const window = `${o.model}'s context window of ${o.window.toLocaleString('en')} tokens here`
  if (o.maxTokens !== undefined) {
    if (o.maxTokens <= room) return ok({ numPredict: o.maxTokens })
    return err(
      `the prompt (${about}) plus max_tokens ${o.maxTokens.toLocaleString('en')} does not fit ` +
        `${window}; shorten the prompt or ask for fewer tokens`,
    )
  }
  if (room >= MIN_ANSWER_TOKENS) return ok({ numPredict: Math.min(o.cap, room) })
  return err(`the prompt (${about}) leaves no room for an answer in ${window}; shorten the prompt`)
}

/**
 * Whether Ollama cut the prompt. Its runner keeps the first num_keep tokens (4, one more with
 * a BOS token) of a prompt too long for the window and drops enough after them to free half
 * of the rest (llm/llama_server.go `contextShiftPromptLimit`), so what it reports having read
 * is exactly that limit. A prompt of exactly that length by chance is rare enough to accept.
 */
export const wasCut = (promptEvalCount: number, window: number): boolean =>
  [4, 5].some((keep) => promptEvalCount === window - Math.max(Math.floor((window - keep) / 2), 1))

/** Whether a job fits the model's context here, and the tokens its answer may take. */
export const fitJob = (
  model: ModelInfo,
  prompt: string,
  params: Pick<JobParams, 'maxTokens'>,
  s: Pick<Settings, 'numCtx' | 'maxTokensCap'>,
) => {
  const window = contextWindow(model, s.numCtx)
  const asked =
    params.maxTokens === undefined ? undefined : Math.min(params.maxTokens, s.maxTokensCap)
  const fit = fitContext({
    prompt,
    maxTokens: asked,
    cap: s.maxTokensCap,
    window,
    model: model.name,
  })
  return { window, fit }
}
