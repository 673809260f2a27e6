/**
 * One job's generation, as Ollama really runs it: the context window checked before the call,
 * `think`, `keep_alive` and `num_ctx` sent, the answer kept apart from the reasoning, and each
 * of Ollama's failures turned into a reason the customer reads (and, where it says something
 * about this machine, into what the provider knows: a model gone, a model that does not fit).
 */
import { fitJob, wasCut } from '../../shared/context-window.ts'
import { canThink } from '../../shared/models.ts'
import type { JobParams } from '../../shared/nip90/index.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { Settings } from '../../shared/settings.ts'
import type { ModelInfo } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import { classifyOllamaError } from '../ollama/errors.ts'
import { generate, type Generation } from '../ollama/generate.ts'

export interface GenerationDeps {
  settings: () => Settings
  /** Check Ollama again: after a 404 the model list is out of date. */
  refreshModels: () => void
  /** Ollama could not load it here (out of memory): stop offering it. */
  markUnusable: (name: string, reason: string) => void
  log: Log
}

export interface GenerationRun {
  model: ModelInfo
  prompt: string
  params: JobParams
  signal: AbortSignal
  onText: (textSoFar: string) => void
  onThinking: () => void
}

export interface Answer {
  generation: Generation
  /** Something the customer should know about a result that is still delivered. */
  note?: string
}

export const keepAliveOf = (s: Pick<Settings, 'keepAliveMinutes'>) => `${s.keepAliveMinutes}m`

/** `think` for this model: only a model that can think gets one, and it always does. */
export const thinkFor = (
  model: ModelInfo,
  params: JobParams,
  s: Pick<Settings, 'reasoning'>,
): boolean | undefined => (canThink(model) ? (params.think ?? s.reasoning) : undefined)

const BUSY_TRIES = 4

/** Ollama's failure in words the customer can act on; the provider learns from it too. */
const explain = (d: GenerationDeps, model: string, e: unknown): string => {
  const problem = classifyOllamaError(e)
  switch (problem.kind) {
    case 'not-found':
      d.refreshModels()
      return `model ${model} is no longer installed in this provider's Ollama (${problem.text})`
    case 'busy':
      return `Ollama is busy (${problem.text}) and stayed busy over ${BUSY_TRIES} tries; try again in a minute`
    case 'out-of-memory':
      d.markUnusable(model, problem.text)
      return `model ${model} does not fit in this provider's memory (${problem.text})`
    case 'cannot-generate':
      d.refreshModels()
      return `model ${model} can't generate text (${problem.text})`
    case 'too-long':
      return `the prompt does not fit ${model}'s context window (${problem.text})`
    case 'other':
      return problem.text
  }
}

/** Why an answer is empty, and what the customer could change. */
const emptyAnswer = (g: Generation): string =>
  g.thinkingTokens > 0 && g.doneReason === 'length'
    ? `the model produced no answer: it spent all ${g.usage.completionTokens} tokens reasoning; ask for more max_tokens, or send ["param","think","false"]`
    : 'the model produced no answer'

export const runGeneration = async (
  d: GenerationDeps,
  r: GenerationRun,
): Promise<Result<Answer>> => {
  const s = d.settings()
  const { window, fit } = fitJob(r.model, r.prompt, r.params, s)
  if (!fit.ok) return fit
  const think = thinkFor(r.model, r.params, s)
  let generation: Generation
  try {
    generation = await generate({
      url: s.ollamaUrl,
      model: r.model.name,
      prompt: r.prompt,
      params: { ...r.params, maxTokens: fit.value.numPredict },
      ...(think === undefined ? {} : { think }),
      keepAlive: keepAliveOf(s),
      numCtx: window,
      timeoutMs: s.generationTimeoutSeconds * 1000,
      signal: r.signal,
      onText: r.onText,
      onThinking: r.onThinking,
      busyTries: BUSY_TRIES,
    })
  } catch (e) {
    // A cancel or a timeout is the runner's to tell apart.
    if (r.signal.aborted) throw e
    return err(explain(d, r.model.name, e))
  }
  if (generation.text.trim() === '') return err(emptyAnswer(generation))
  if (wasCut(generation.usage.promptTokens, window)) {
    const note = `Ollama cut the prompt to fit ${r.model.name}'s context window of ${window} tokens (it read ${generation.usage.promptTokens}), so the answer may have missed part of it`
    d.log('warn', note)
    return ok({ generation, note })
  }
  return ok({ generation })
}
