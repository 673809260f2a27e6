/**
 * Why a request was not taken: a code a pane can count by, and words a person reads. Ignored
 * requests get no reply (not ours, not current, or a replay); refused ones are answered with an
 * error saying why.
 */
export const REQUEST_REASONS = {
  // ignored
  known: { action: 'ignore', words: 'taken' },
  blocked: { action: 'ignore', words: 'customer blocked' },
  'not-a-text-request': { action: 'ignore', words: 'not a text request' },
  'for-another-provider': { action: 'ignore', words: 'for another provider' },
  expired: { action: 'ignore', words: 'expired' },
  'too-old': { action: 'ignore', words: 'older than the lookback' },
  'from-the-future': { action: 'ignore', words: 'created in the future' },
  'encrypted-for-someone-else': { action: 'ignore', words: 'encrypted for someone else' },
  undecryptable: { action: 'ignore', words: 'could not be decrypted' },
  'while-offline': { action: 'ignore', words: 'while offline' },
  // refused
  malformed: { action: 'refuse', words: 'malformed' },
  'rate-limited': { action: 'refuse', words: 'refused by limits' },
  'queue-full': { action: 'refuse', words: 'refused by limits' },
  'bid-below-price': { action: 'refuse', words: 'bid below price' },
  'wallet-not-ready': { action: 'refuse', words: 'wallet not ready' },
  'model-not-offered': { action: 'refuse', words: 'model not offered' },
  'inputs-unusable': { action: 'refuse', words: 'inputs could not be used' },
  'invoice-limit': { action: 'refuse', words: 'refused by limits' },
} as const satisfies Record<string, { action: 'ignore' | 'refuse'; words: string }>

export type RequestReason = keyof typeof REQUEST_REASONS
type ReasonFor<A> = {
  [K in RequestReason]: (typeof REQUEST_REASONS)[K]['action'] extends A ? K : never
}[RequestReason]
export type IgnoreReason = ReasonFor<'ignore'>
export type RefuseReason = ReasonFor<'refuse'>

/** A request the codec will not turn into a job: which reason, and why in words. */
export type RequestProblem =
  | { action: 'ignore'; code: IgnoreReason; reason: string }
  | { action: 'refuse'; code: RefuseReason; reason: string }

/**
 * A refusal in the seller's words, finer than the Market pane's: the log and the Sell Compute
 * pane say which limit it was.
 */
export const REFUSAL_WORDS: Record<RefuseReason, string> = {
  malformed: 'malformed request',
  'rate-limited': 'rate limited',
  'queue-full': 'queue full',
  'bid-below-price': 'bid below price',
  'wallet-not-ready': 'wallet not ready',
  'model-not-offered': 'model not offered',
  'inputs-unusable': 'inputs could not be used',
  'invoice-limit': 'invoice limit reached',
}
