import { decideModel, offeredOf } from '../models.ts'
import { hasOwnPrice, priceOf, quoteMsats } from '../pricing.ts'
import type { Settings } from '../settings.ts'
import type { ModelInfo } from '../worker-api.ts'

/** What the tally needs to know of this provider, read at the moment it is asked. */
export interface MarketView {
  pubkey: string
  online: boolean
  pricePerJobSats: number
  /**
   * Our quote for a request of that many max_tokens asking for that model, msats: at the price
   * of the model that would run it (its own, or the defaults).
   */
  quoteMsats: (maxTokens: number | undefined, model: string | undefined) => number
  /** The per-1k tokens part of that quote, msats. */
  tokenPartMsats: (maxTokens: number | undefined, model: string | undefined) => number
  /** The model that would run a request asking for `model`, if it has its own price. */
  pricedModel?: (model: string | undefined) => string | undefined
  offeredModels: readonly string[]
}

/** What the market tally needs of the provider, from its settings and state right now. */
export const marketView = (
  settings: Settings,
  o: { pubkey: string; online: boolean; installed: readonly ModelInfo[] },
): MarketView => {
  // The model that would run a request asking for `asked`, as intake would choose it.
  const runs = (asked: string | undefined) => {
    const chosen = decideModel(asked, {
      installed: o.installed,
      offered: settings.offeredModels,
      defaultModel: settings.defaultModel,
      fallback: settings.fallbackToDefaultModel,
    })
    return chosen.ok ? chosen.value.model.name : undefined
  }
  const quote = (maxTokens: number | undefined, asked: string | undefined) =>
    quoteMsats(settings, maxTokens, 0, runs(asked))
  return {
    pubkey: o.pubkey,
    online: o.online,
    pricePerJobSats: settings.pricePerJobSats,
    quoteMsats: quote,
    tokenPartMsats: (maxTokens, asked) =>
      quote(maxTokens, asked) - priceOf(settings, runs(asked)).perJobSats * 1000,
    pricedModel: (asked) => {
      const model = runs(asked)
      return model !== undefined && hasOwnPrice(settings, model) ? model : undefined
    },
    offeredModels: offeredOf(o.installed, settings.offeredModels).map((m) => m.name),
  }
}
