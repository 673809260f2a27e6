import { offeredOf } from '../models.ts'
import { quoteMsats } from '../pricing.ts'
import type { Settings } from '../settings.ts'
import type { ModelInfo } from '../worker-api.ts'
import type { MarketView } from './tally.ts'

/** What the market tally needs of the provider, from its settings and state right now. */
export const marketView = (
  settings: Settings,
  o: { pubkey: string; online: boolean; installed: readonly ModelInfo[] },
): MarketView => ({
  pubkey: o.pubkey,
  online: o.online,
  pricePerJobSats: settings.pricePerJobSats,
  tokenPartMsats: (maxTokens) => quoteMsats(settings, maxTokens) - settings.pricePerJobSats * 1000,
  offeredModels: offeredOf(o.installed, settings.offeredModels).map((m) => m.name),
})
