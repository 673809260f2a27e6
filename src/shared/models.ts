/** Which installed models are for sale, which one is the default, and what a model name may be. */
import type { ModelInfo } from './worker-api.ts'

/** Ollama resolves a bare name to its :latest tag, so `llama3.2` and `llama3.2:latest` agree. */
export const sameModel = (a: string, b: string): boolean =>
  a === b || a === `${b}:latest` || `${a}:latest` === b

/** The installed models this provider sells: every one when the offered list is empty. */
export const offeredOf = (
  installed: readonly ModelInfo[],
  offered: readonly string[],
): ModelInfo[] =>
  offered.length === 0
    ? [...installed]
    : installed.filter((m) => offered.some((name) => sameModel(m.name, name)))

export const isOffered = (name: string, offered: readonly string[]): boolean =>
  offered.length === 0 || offered.some((o) => sameModel(name, o))

/** The model a job that names none gets: the default if it is for sale, else the first for sale. */
export const defaultModelOf = (
  forSale: readonly ModelInfo[],
  defaultModel: string,
): ModelInfo | undefined =>
  (defaultModel !== '' ? forSale.find((m) => sameModel(m.name, defaultModel)) : undefined) ??
  forSale[0]

/**
 * The offered list after switching one installed model on or off. Every installed model on
 * comes out as [] (all, including models pulled later); switching off the last one is refused,
 * since an empty list would mean all of them.
 */
export const toggleOffered = (
  installed: readonly string[],
  offered: readonly string[],
  name: string,
  on: boolean,
): string[] | { error: string } => {
  const current = installed.filter((n) => isOffered(n, offered))
  const next = on
    ? installed.filter((n) => n === name || current.includes(n))
    : current.filter((n) => n !== name)
  if (next.length === 0) {
    return { error: 'Offer at least one model: with none for sale this provider serves nothing.' }
  }
  return next.length === installed.length ? [] : next
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/

/** A name as `ollama pull` takes it (`llama3.2`, `qwen2.5:0.5b`, `hf.co/user/repo:Q4_K_M`). */
export const parseModelName = (raw: string): string | { error: string } => {
  const name = raw.trim()
  if (name === '') return { error: 'Type a model name, for example llama3.2 or qwen2.5:0.5b' }
  if (name.length > 200) return { error: 'That model name is too long (200 characters at most)' }
  if (!MODEL_NAME.test(name)) {
    return {
      error: `"${name}" is not a model name: use letters, digits and . _ : / - as ollama pull does`,
    }
  }
  return name
}
