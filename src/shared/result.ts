/** Errors are values with a reason a person can act on. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error })

/**
 * What went wrong, as the sentence it carries: an Error's message, a string as it is, and
 * "unknown error" for anything that carries no words (never "[object Object]").
 */
export const errorText = (e: unknown): string =>
  e instanceof Error
    ? e.message
    : typeof e === 'string'
      ? e
      : typeof e === 'number' || typeof e === 'boolean'
        ? String(e)
        : 'unknown error'
