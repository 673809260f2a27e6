import { sameModel } from './models.ts'
import type { ModelPrice } from './setting-rows.ts'
import type { Settings } from './settings.ts'

/** Ollama's tokens run about four characters of English each: the prompt's share, estimated. */
export const promptTokens = (promptChars: number): number => Math.ceil(Math.max(promptChars, 0) / 4)

type Prices = Pick<Settings, 'pricePerJobSats' | 'pricePer1kTokensSats'> &
  Partial<Pick<Settings, 'modelPrices'>>

/**
 * The prices a job on `model` is sold at: the model's own (set in the Models pane) when it has
 * one, else the defaults. A 70B model is not sold at a 1B model's price.
 */
const ownPrice = (settings: Prices, model: string | undefined) =>
  model === undefined
    ? undefined
    : Object.entries(settings.modelPrices ?? {}).find(([name]) => sameModel(name, model))?.[1]

/** Whether `model` has a price of its own (set in the Models pane). */
export const hasOwnPrice = (settings: Prices, model: string): boolean =>
  ownPrice(settings, model) !== undefined

export const priceOf = (settings: Prices, model: string | undefined): ModelPrice => {
  const own = ownPrice(settings, model)
  return (
    own ?? {
      perJobSats: settings.pricePerJobSats,
      per1kTokensSats: settings.pricePer1kTokensSats,
    }
  )
}

/**
 * The quote for one job, in msats: base + per-1k x ceil(tokens / 1000), where tokens are the
 * max_tokens to generate (capped) plus the prompt the model reads (once inputs are fetched),
 * at the prices of the model that will run.
 */
export const quoteMsats = (
  settings: Prices & Pick<Settings, 'maxTokensCap'>,
  maxTokens: number | undefined,
  promptChars = 0,
  model?: string,
): number => {
  const price = priceOf(settings, model)
  const tokens = Math.min(maxTokens ?? settings.maxTokensCap, settings.maxTokensCap)
  const thousands = Math.ceil((Math.max(tokens, 0) + promptTokens(promptChars)) / 1000)
  return (price.perJobSats + price.per1kTokensSats * thousands) * 1000
}

/** Nothing is ever charged: the defaults and every model's own prices are 0. */
export const isFree = (settings: Prices) =>
  settings.pricePerJobSats === 0 &&
  settings.pricePer1kTokensSats === 0 &&
  Object.values(settings.modelPrices ?? {}).every(
    (p) => p.perJobSats === 0 && p.per1kTokensSats === 0,
  )
