import type { JobParams } from './types.ts'

type NumericParam = Exclude<keyof JobParams, 'model'>

/** name -> [field, min, max, integer]; out-of-range values are clamped, not refused. */
const NUMERIC: Record<string, [NumericParam, number, number, boolean]> = {
  max_tokens: ['maxTokens', 1, 1_000_000, true],
  temperature: ['temperature', 0, 2, false],
  top_k: ['topK', 1, 1000, true],
  top_p: ['topP', 0, 1, false],
  frequency_penalty: ['frequencyPenalty', -2, 2, false],
  seed: ['seed', 0, 2 ** 31 - 1, true],
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n))

/** Parse ["param", name, value] tags; `-` is accepted for `_` (top-k). Unknown names are ignored. */
export const parseParams = (tags: string[][]): JobParams | { error: string } => {
  const params: JobParams = {}
  for (const tag of tags) {
    if (tag[0] !== 'param' || tag[1] === undefined) continue
    const name = tag[1].trim().toLowerCase().replace(/-/g, '_')
    const value = (tag[2] ?? '').trim()
    if (name === 'model') {
      if (value !== '' && value.length <= 200) params.model = value
      continue
    }
    // Own keys only: a param named `constructor` must not find Object's.
    const spec = Object.hasOwn(NUMERIC, name) ? NUMERIC[name] : undefined
    if (!spec) continue
    const [field, min, max, integer] = spec
    const n = Number(value)
    if (value === '' || !Number.isFinite(n))
      return { error: `param ${name} must be a number, got "${value.slice(0, 40)}"` }
    params[field] = clamp(integer ? Math.round(n) : n, min, max)
  }
  return params
}
