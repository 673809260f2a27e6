import type { TokenUsage } from '../../shared/job-state.ts'
import type { JobParams } from '../../shared/nip90/index.ts'
import { ollamaClient } from './client.ts'

export interface GenerateInput {
  url: string
  model: string
  prompt: string
  params: JobParams
  timeoutMs: number
  signal: AbortSignal
  /** Called with the text so far as tokens stream in. */
  onText?: (textSoFar: string) => void
}

export interface Generation {
  text: string
  usage: TokenUsage
  doneReason?: string
}

/** Stream one generation; Ollama's own token counts come on the final `done` line. */
export const generate = async (g: GenerateInput): Promise<Generation> => {
  const client = ollamaClient(g.url, g.signal, g.timeoutMs)
  const options: Record<string, number | string[]> = {}
  const p = g.params
  if (p.maxTokens !== undefined) options.num_predict = p.maxTokens
  if (p.temperature !== undefined) options.temperature = p.temperature
  if (p.topK !== undefined) options.top_k = p.topK
  if (p.topP !== undefined) options.top_p = p.topP
  if (p.frequencyPenalty !== undefined) options.frequency_penalty = p.frequencyPenalty
  if (p.presencePenalty !== undefined) options.presence_penalty = p.presencePenalty
  if (p.seed !== undefined) options.seed = p.seed
  if (p.stop && p.stop.length > 0) options.stop = p.stop

  const stream = await client.generate({ model: g.model, prompt: g.prompt, stream: true, options })
  let text = ''
  for await (const part of stream) {
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
      }
      if (part.done_reason) generation.doneReason = part.done_reason
      return generation
    }
  }
  throw new Error('Ollama stopped before finishing the answer')
}
