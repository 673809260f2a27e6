/**
 * NIP-01's machine-readable prefixes of OK and CLOSED messages, each with what the provider
 * does about it. One table, so the pools and the relay list agree on every prefix.
 */

export type RefusalPrefix =
  | 'duplicate'
  | 'auth-required'
  | 'rate-limited'
  | 'blocked'
  | 'restricted'
  | 'invalid'
  | 'pow'
  | 'mute'
  | 'error'
  | 'unknown'

/**
 * - accepted: the relay has it (a duplicate is as good as an OK);
 * - auth: answer AUTH, then try once more;
 * - back-off: pause this relay with a growing delay, then try again;
 * - stop: this relay will not take our events; say its words, send no more there;
 * - drop: this event is wrong for this relay; log and never retry it;
 * - pow: mine NIP-13 proof of work (up to the allowed difficulty) and send again;
 * - retry: a passing fault; retry with backoff.
 */
export type RefusalAction = 'accepted' | 'auth' | 'back-off' | 'stop' | 'drop' | 'pow' | 'retry'

export const REFUSAL_ACTIONS: Record<RefusalPrefix, RefusalAction> = {
  duplicate: 'accepted',
  'auth-required': 'auth',
  'rate-limited': 'back-off',
  blocked: 'stop',
  restricted: 'stop',
  // Not in NIP-01, but sent by relays that mute a key; it never takes our events either.
  mute: 'stop',
  invalid: 'drop',
  pow: 'pow',
  error: 'retry',
  // Timeouts, closed sockets and reasons without a prefix: try again later.
  unknown: 'retry',
}

export interface Refusal {
  prefix: RefusalPrefix
  action: RefusalAction
  /** The relay's own words, cut to a length a status line can show. */
  words: string
}

const PREFIXES = Object.keys(REFUSAL_ACTIONS).filter((p) => p !== 'unknown') as RefusalPrefix[]
const MAX_WORDS = 200

/** Read an OK/CLOSED message (or an error from nostr-tools carrying it); never throws. */
export const readRefusal = (message: unknown): Refusal => {
  const raw = message instanceof Error ? message.message : String(message ?? '')
  const words = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_WORDS)
  const head = words.split(':', 1)[0]?.trim().toLowerCase() ?? ''
  const prefix = words.includes(':') ? PREFIXES.find((p) => p === head) : undefined
  const known = prefix ?? 'unknown'
  return { prefix: known, action: REFUSAL_ACTIONS[known], words: words || 'no reason given' }
}

/**
 * The difficulty a `pow:` refusal asks for. NIP-01's example reads "pow: difficulty 26 is less
 * than 30": the required figure is the largest number in the message.
 */
export const powAsked = (words: string): number | undefined => {
  const numbers = (words.match(/\d+/g) ?? []).map(Number).filter((n) => n > 0 && n <= 256)
  return numbers.length > 0 ? Math.max(...numbers) : undefined
}
