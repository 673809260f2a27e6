import type { JobParams } from './types.ts'
import { err, ok, type Result } from '../result.ts'

type NumericParam = {
  [K in keyof JobParams]-?: NonNullable<JobParams[K]> extends number ? K : never
}[keyof JobParams]

/** name -> [field, min, max, integer]; out-of-range values are clamped, not refused. */
const NUMERIC: Record<string, [NumericParam, number, number, boolean]> = {
  max_tokens: ['maxTokens', 1, 1_000_000, true],
  temperature: ['temperature', 0, 2, false],
  top_k: ['topK', 1, 1000, true],
  top_p: ['topP', 0, 1, false],
  frequency_penalty: ['frequencyPenalty', -2, 2, false],
  presence_penalty: ['presencePenalty', -2, 2, false],
  seed: ['seed', 0, 2 ** 31 - 1, true],
}

/** OpenAI takes 4 stop sequences; a few more cost Ollama nothing, hundreds would. */
export const MAX_STOPS = 8
export const MAX_STOP_CHARS = 200

/** `think` as clients spell it; Ollama's own levels (low, medium, high) mean: do reason. */
const THINK: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  low: true,
  medium: true,
  high: true,
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n))

/** A stop sequence is text: kept as sent (a space or newline can be the point), never trimmed. */
const addStop = (params: JobParams, raw: string | undefined): Result<void> => {
  if (raw === undefined || raw === '') return ok(undefined)
  if (raw.length > MAX_STOP_CHARS)
    return err(`param stop is ${raw.length} characters; the limit is ${MAX_STOP_CHARS}`)
  const stop = params.stop ?? []
  if (stop.includes(raw)) return ok(undefined)
  if (stop.length >= MAX_STOPS) return err(`at most ${MAX_STOPS} stop params are taken`)
  params.stop = [...stop, raw]
  return ok(undefined)
}

/**
 * Parse ["param", name, value] tags; `-` is accepted for `_` (top-k). Unknown names are ignored
 * (clients send `prompt`, which the request reads as an input, and names of their own).
 */
export const parseParams = (tags: string[][]): Result<JobParams> => {
  const params: JobParams = {}
  for (const tag of tags) {
    if (tag[0] !== 'param' || tag[1] === undefined) continue
    const name = tag[1].trim().toLowerCase().replace(/-/g, '_')
    if (name === 'stop') {
      const added = addStop(params, tag[2])
      if (!added.ok) return added
      continue
    }
    const value = (tag[2] ?? '').trim()
    if (name === 'model') {
      if (value !== '' && value.length <= 200) params.model = value
      continue
    }
    if (name === 'think') {
      const flag = THINK[value.toLowerCase()]
      if (flag === undefined)
        return err(`param think must be true or false, got "${value.slice(0, 40)}"`)
      params.think = flag
      continue
    }
    // Own keys only: a param named `constructor` must not find Object's.
    const spec = Object.hasOwn(NUMERIC, name) ? NUMERIC[name] : undefined
    if (!spec) continue
    const [field, min, max, integer] = spec
    const n = Number(value)
    if (value === '' || !Number.isFinite(n))
      return err(`param ${name} must be a number, got "${value.slice(0, 40)}"`)
    params[field] = clamp(integer ? Math.round(n) : n, min, max)
  }
  return ok(params)
}
