/** Which installed models are for sale, which one is the default, and what a model name may be. */
import type { ModelInfo, UnusableModel } from './worker-api.ts'
import { err, ok, type Result } from './result.ts'

/** Ollama resolves a bare name to its :latest tag, so `llama3.2` and `llama3.2:latest` agree. */
export const sameModel = (a: string, b: string): boolean =>
  a === b || a === `${b}:latest` || `${a}:latest` === b

/**
 * Whether Ollama can generate text with it: /api/show lists `completion`. An Ollama too old to
 * list capabilities gets the benefit of the doubt (it would answer 400 if not).
 */
export const canGenerate = (m: Pick<ModelInfo, 'capabilities'>): boolean =>
  m.capabilities === undefined || m.capabilities.includes('completion')

export const canThink = (m: Pick<ModelInfo, 'capabilities'>): boolean =>
  m.capabilities?.includes('thinking') ?? false

/** Why a model cannot be sold here, in words; undefined when it can. */
export const unsellableReason = (
  m: ModelInfo,
  unusable: readonly UnusableModel[] = [],
): string | undefined => {
  if (!canGenerate(m)) {
    const what = m.capabilities?.includes('embedding')
      ? 'it is an embedding model'
      : 'no completion'
    return `${m.name} can't generate text (${what})`
  }
  const failed = unusable.find((u) => sameModel(u.name, m.name))
  return failed ? `${m.name} does not fit in this machine's memory (${failed.reason})` : undefined
}

/**
 * The installed models this provider sells: those that can generate text here, and of those
 * every one when the offered list is empty.
 */
export const offeredOf = (
  installed: readonly ModelInfo[],
  offered: readonly string[],
  unusable: readonly UnusableModel[] = [],
): ModelInfo[] =>
  installed.filter(
    (m) =>
      unsellableReason(m, unusable) === undefined &&
      (offered.length === 0 || offered.some((name) => sameModel(m.name, name))),
  )

export const isOffered = (name: string, offered: readonly string[]): boolean =>
  offered.length === 0 || offered.some((o) => sameModel(name, o))

/** The model a job that names none gets: the default if it is for sale, else the first for sale. */
export const defaultModelOf = (
  forSale: readonly ModelInfo[],
  defaultModel: string,
): ModelInfo | undefined =>
  (defaultModel !== '' ? forSale.find((m) => sameModel(m.name, defaultModel)) : undefined) ??
  forSale[0]

/** The model a job runs on, and a note for the customer when it is not the one asked for. */
export type ModelChoice = Result<{ model: ModelInfo; note?: string }>

/**
 * The model a request gets, decided before any invoice: the one it names if it is for sale,
 * else the default when the provider allows falling back. A named model that is installed but
 * cannot run here is refused with why, fallback or not: the customer asked for that one.
 */
export const decideModel = (
  asked: string | undefined,
  o: {
    installed: readonly ModelInfo[]
    offered: readonly string[]
    defaultModel: string
    fallback: boolean
    unusable?: readonly UnusableModel[]
  },
): ModelChoice => {
  const forSale = offeredOf(o.installed, o.offered, o.unusable)
  const fallback = defaultModelOf(forSale, o.defaultModel)
  if (!fallback) return err('no model is installed on this provider that can generate text')
  if (!asked) return ok({ model: fallback })
  const wanted = forSale.find((m) => sameModel(m.name, asked))
  if (wanted) return ok({ model: wanted })
  const installed = o.installed.find((m) => sameModel(m.name, asked))
  const why = installed && unsellableReason(installed, o.unusable)
  if (why) return err(why)
  const where = installed ? 'not offered' : 'not installed'
  if (o.fallback) {
    return ok({ model: fallback, note: `model ${asked} is ${where} here; used ${fallback.name}` })
  }
  const names = forSale.map((m) => m.name).join(', ')
  return err(`model ${asked} is ${where} here; models offered: ${names}`)
}

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
): Result<string[]> => {
  const current = installed.filter((n) => isOffered(n, offered))
  const next = on
    ? installed.filter((n) => n === name || current.includes(n))
    : current.filter((n) => n !== name)
  if (next.length === 0) {
    return err('Offer at least one model: with none for sale this provider serves nothing.')
  }
  return ok(next.length === installed.length ? [] : next)
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/

/** A name as `ollama pull` takes it (`llama3.2`, `qwen2.5:0.5b`, `hf.co/user/repo:Q4_K_M`). */
export const parseModelName = (raw: string): Result<string> => {
  const name = raw.trim()
  if (name === '') return err('Type a model name, for example llama3.2 or qwen2.5:0.5b')
  if (name.length > 200) return err('That model name is too long (200 characters at most)')
  if (!MODEL_NAME.test(name)) {
    return err(
      `"${name}" is not a model name: use letters, digits and . _ : / - as ollama pull does`,
    )
  }
  return ok(name)
}
