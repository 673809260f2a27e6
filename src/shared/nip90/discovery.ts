import type { EventTemplate } from './types.ts'
import { KIND_HANDLER_INFO, KIND_HEARTBEAT, KIND_TEXT_REQUEST } from './kinds.ts'

export const HEARTBEAT_PERIOD_S = 300

/** One stable `d` per provider identity, so a new announcement replaces the old one. */
export const announcementId = (pubkey: string): string => `sell-compute-${pubkey.slice(0, 16)}`

export interface AnnouncementInput {
  pubkey: string
  models: string[]
  maxTokens: number
  pricePerJobSats: number
  pricePer1kTokensSats: number
  now: number
}

/** NIP-89 handler information (kind 31990) listing the models really installed. */
export const buildAnnouncement = (a: AnnouncementInput): EventTemplate => {
  const price =
    a.pricePerJobSats === 0 && a.pricePer1kTokensSats === 0
      ? 'free'
      : `${a.pricePerJobSats} sats per job + ${a.pricePer1kTokensSats} sats per 1k tokens`
  const content = {
    name: 'Sell Compute',
    about: `Text generation on a local Ollama (${a.models.join(', ') || 'no models'}). Price: ${price}.`,
    nip90Params: {
      model: { required: false, values: a.models },
      max_tokens: { required: false, values: [String(a.maxTokens)] },
      temperature: { required: false, values: [] },
      top_k: { required: false, values: [] },
      top_p: { required: false, values: [] },
      frequency_penalty: { required: false, values: [] },
      seed: { required: false, values: [] },
    },
  }
  return {
    kind: KIND_HANDLER_INFO,
    created_at: a.now,
    content: JSON.stringify(content),
    tags: [
      ['d', announcementId(a.pubkey)],
      ['k', String(KIND_TEXT_REQUEST)],
    ],
  }
}

/** The liveness heartbeat (kind 11998) that expires one period ahead. */
export const buildHeartbeat = (pubkey: string, now: number, status = 'online'): EventTemplate => ({
  kind: KIND_HEARTBEAT,
  created_at: now,
  content: '',
  tags: [
    ['d', announcementId(pubkey)],
    ['status', status],
    ['expiration', String(now + HEARTBEAT_PERIOD_S)],
  ],
})
