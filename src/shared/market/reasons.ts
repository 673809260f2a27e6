/**
 * The engine's reason codes (request-reason.ts) in the Market pane's words. Exhaustive by type:
 * a new reason code does not compile until it has its place here.
 */
import type { RequestReason } from '../request-reason.ts'
import type { DemandReason } from './demand.ts'

/** null: not counted from the engine's side (the watch sees it itself, or it is a replay). */
export const DEMAND_OF_REASON: Record<RequestReason, DemandReason | null> = {
  known: null,
  'for-another-provider': null,
  'encrypted-for-someone-else': null,
  'not-a-text-request': null,
  blocked: 'limits',
  expired: 'invalid',
  'too-old': 'offline',
  'from-the-future': 'invalid',
  undecryptable: 'invalid',
  'while-offline': 'offline',
  malformed: 'invalid',
  'rate-limited': 'limits',
  'queue-full': 'limits',
  'bid-below-price': 'bid-below-price',
  'wallet-not-ready': 'wallet-not-ready',
  'model-not-offered': 'model-not-offered',
  'inputs-unusable': 'invalid',
  'invoice-limit': 'limits',
}
