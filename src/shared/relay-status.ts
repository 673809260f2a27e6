/** Each relay's connection, authentication and limits, as the Relays pane shows them. */

export type RelayState = 'connecting' | 'connected' | 'disconnected'

export interface RelayStatus {
  url: string
  state: RelayState
  /** Why the last connection failed or closed. */
  reason?: string
  /** When the next attempt is due (ms epoch), while disconnected. */
  retryAt?: number
  attempts: number
  /** NIP-42: 'required' once the relay sent a challenge, then 'authenticated' or 'failed'. */
  auth?: RelayAuthState
  /** Why AUTH failed, in words (the relay's, or "never answered"). */
  authProblem?: string
  /** The relay's words when it refused us for good (`blocked:`, `restricted:`). */
  refused?: string
  /** Paused after `rate-limited:` until then (ms epoch). */
  rateLimitedUntil?: number
  /** NIP-11 `limitation`, when the relay published one. */
  limits?: RelayLimits
  /** Why its NIP-11 document could not be read. */
  infoProblem?: string
}

export type RelayAuthState = 'required' | 'authenticated' | 'failed'

/** The parts of a relay's NIP-11 `limitation` the provider acts on or shows. */
export interface RelayLimits {
  maxMessageLength?: number
  maxContentLength?: number
  maxEventTags?: number
  minPowDifficulty?: number
  authRequired?: boolean
  paymentRequired?: boolean
  restrictedWrites?: boolean
}
