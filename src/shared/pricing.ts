import type { Settings } from './settings.ts'

/** The quote for one job, in msats: base + per-1k x ceil(max_tokens / 1000). */
export const quoteMsats = (
  settings: Pick<Settings, 'pricePerJobSats' | 'pricePer1kTokensSats' | 'maxTokensCap'>,
  maxTokens: number | undefined,
): number => {
  const tokens = Math.min(maxTokens ?? settings.maxTokensCap, settings.maxTokensCap)
  const thousands = Math.ceil(Math.max(tokens, 0) / 1000)
  return (settings.pricePerJobSats + settings.pricePer1kTokensSats * thousands) * 1000
}

export const isFree = (settings: Pick<Settings, 'pricePerJobSats' | 'pricePer1kTokensSats'>) =>
  settings.pricePerJobSats === 0 && settings.pricePer1kTokensSats === 0
