/**
 * Event and job inputs name text on the relays: fetched before a job is priced or taken, so
 * the prompt cap and the price apply to what the model will read, not to the short request.
 */
import {
  joinInputs,
  KIND_TEXT_RESULT,
  MAX_PROMPT_CHARS,
  type JobInput,
} from '../../shared/nip90/index.ts'
import { err, errorText, ok, type Result } from '../../shared/result.ts'
import type { RelayPool } from '../relay/relay-pool.ts'

const INPUT_FETCH_TIMEOUT_MS = 5000

/** Where event and job inputs are looked up. */
export interface InputDeps {
  pool: () => Pick<RelayPool, 'get'> | null
}

const resolveInput = async (
  ctx: InputDeps,
  input: JobInput,
  signal: AbortSignal,
): Promise<string> => {
  if (input.type === 'text') return input.text
  const pool = ctx.pool()
  if (!pool) throw new Error('not connected to a relay to fetch the input')
  const hints = input.relay ? [input.relay] : []
  const filter =
    input.type === 'event' ? { ids: [input.id] } : { kinds: [KIND_TEXT_RESULT], '#e': [input.id] }
  const found = await pool.get(filter, hints, INPUT_FETCH_TIMEOUT_MS, signal)
  if (!found)
    throw new Error(`could not find the ${input.type} input ${input.id.slice(0, 12)} on the relays`)
  return found.content
}

/** Every input's text, in order, and the prompt they make; or why there is none to take. */
export const resolveInputs = async (
  ctx: InputDeps,
  inputs: readonly JobInput[],
  signal: AbortSignal,
): Promise<Result<{ texts: string[]; prompt: string }>> => {
  let texts: string[]
  try {
    texts = await Promise.all(inputs.map((i) => resolveInput(ctx, i, signal)))
  } catch (e) {
    return err(errorText(e))
  }
  const prompt = joinInputs(texts)
  if (prompt.length > MAX_PROMPT_CHARS)
    return err(
      `the inputs come to ${prompt.length.toLocaleString('en')} characters once fetched; ` +
        `the limit is ${MAX_PROMPT_CHARS.toLocaleString('en')} characters`,
    )
  if (prompt.trim() === '') return err('the prompt is empty')
  return ok({ texts, prompt })
}
