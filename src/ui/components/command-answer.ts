/**
 * How an engine command went, in one shape for every control: its value, or the reason in
 * words. Commands answer a Result, a plain value, or throw (the engine did not start, the
 * worker went away); all three end up here, so no control reads an error a fourth way.
 */
import { errorText, type Result } from '../../shared/result.ts'
import type { CommandName, Commands } from '../../shared/worker-api.ts'

type Answer<K extends CommandName> = Commands[K]['result']

/** What a command gives once its Result is unwrapped. */
export type CommandValue<K extends CommandName> =
  Answer<K> extends Result<infer T, unknown> ? T : Answer<K>

/** The engine's own error value when it refused (for a form: the errors by field). */
export type CommandRefusal<K extends CommandName> =
  Answer<K> extends Result<unknown, infer E> ? E : never

export type CommandArgs<K extends CommandName> = Commands[K]['payload'] extends void
  ? []
  : [Commands[K]['payload']]

export type CommandOutcome<K extends CommandName> =
  { ok: true; value: CommandValue<K> } | { ok: false; error: string; refusal?: CommandRefusal<K> }

const isResult = (v: unknown): v is Result<unknown, unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean'

/** A refusal in words: a sentence, or a form's errors by field (all of them, in order). */
export const reasonOf = (error: unknown): string =>
  typeof error === 'object' && error !== null
    ? Object.values(error)
        .filter((v) => v !== undefined)
        .map(String)
        .join(' ')
    : String(error)

/** Settle a command's answer into an outcome; it never rejects. */
export const settle = async <K extends CommandName>(
  answer: Promise<Answer<K>>,
): Promise<CommandOutcome<K>> => {
  try {
    const result: unknown = await answer
    if (!isResult(result)) return { ok: true, value: result as CommandValue<K> }
    if (result.ok) return { ok: true, value: result.value as CommandValue<K> }
    return {
      ok: false,
      error: reasonOf(result.error),
      refusal: result.error as CommandRefusal<K>,
    }
  } catch (e) {
    return { ok: false, error: errorText(e) }
  }
}
