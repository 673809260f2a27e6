/** A Nostr event as it arrives: shape-checked by the codec before anything trusts it. */
export interface NostrEvent {
  id: string
  pubkey: string
  created_at: number
  kind: number
  tags: string[][]
  content: string
  sig: string
}

export interface EventTemplate {
  kind: number
  created_at: number
  tags: string[][]
  content: string
}

export type Encryption = 'nip04' | 'nip44'

export type JobInput =
  | { type: 'text'; text: string }
  | { type: 'event'; id: string; relay?: string }
  | { type: 'job'; id: string; relay?: string }

export interface JobParams {
  model?: string
  maxTokens?: number
  temperature?: number
  topK?: number
  topP?: number
  frequencyPenalty?: number
  presencePenalty?: number
  seed?: number
  /** Stop sequences, in the order sent (`stop` is repeatable). */
  stop?: string[]
  /** Let a thinking model reason first (true) or answer directly (false); unset: the provider's setting. */
  think?: boolean
}

/** A kind 5050 request, parsed and trusted from here on. */
export interface JobRequest {
  id: string
  customer: string
  createdAt: number
  inputs: JobInput[]
  params: JobParams
  /** The customer's bid, in msats. */
  bidMsats?: number
  /** Relays the customer asked replies to go to. */
  relays: string[]
  encryption: Encryption | null
  /** The `i` tags as sent (echoed in the result when not encrypted). */
  inputTags: string[][]
  /** What the provider left out and the customer should hear about (a skipped url input). */
  notes: string[]
  event: NostrEvent
}
