import type { Settings } from './settings.ts'

/** Ollama's tokens run about four characters of English each: the prompt's share, estimated. */
export const promptTokens = (promptChars: number): number => Math.ceil(Math.max(promptChars, 0) / 4)

/**
 * The quote for one job, in msats: base + per-1k x ceil(tokens / 1000), where tokens are the
 * max_tokens to generate (capped) plus the prompt the model reads (once inputs are fetched).
 */
export const quoteMsats = (
  settings: Pick<Settings, 'pricePerJobSats' | 'pricePer1kTokensSats' | 'maxTokensCap'>,
  maxTokens: number | undefined,
  promptChars = 0,
): number => {
  const tokens = Math.min(maxTokens ?? settings.maxTokensCap, settings.maxTokensCap)
  const thousands = Math.ceil((Math.max(tokens, 0) + promptTokens(promptChars)) / 1000)
  return (settings.pricePerJobSats + settings.pricePer1kTokensSats * thousands) * 1000
}

export const isFree = (settings: Pick<Settings, 'pricePerJobSats' | 'pricePer1kTokensSats'>) =>
  settings.pricePerJobSats === 0 && settings.pricePer1kTokensSats === 0
