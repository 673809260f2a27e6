import type { EventTemplate } from './types.ts'
import {
  KIND_HANDLER_INFO,
  KIND_HEARTBEAT,
  KIND_PROFILE,
  KIND_RELAY_LIST,
  KIND_TEXT_REQUEST,
} from './kinds.ts'

export const HEARTBEAT_PERIOD_S = 300

/** One stable `d` per provider identity, so a new announcement replaces the old one. */
export const announcementId = (pubkey: string): string => `sell-compute-${pubkey.slice(0, 16)}`

/** How the provider presents itself; an empty field means "use the default". */
export interface ProviderProfile {
  name: string
  about: string
  /** An https URL of an image, or empty. */
  picture: string
  /** A lightning address (lud16), or empty. */
  lightningAddress: string
}

/** Nothing typed: every field gets its default. */
export const NO_PROFILE: ProviderProfile = {
  name: '',
  about: '',
  picture: '',
  lightningAddress: '',
}

export interface Offer {
  /** The models really offered: installed, able to generate, for sale. */
  models: string[]
  /** The model a job that names none gets, or empty when none is for sale. */
  defaultModel: string
  maxTokens: number
  pricePerJobSats: number
  pricePer1kTokensSats: number
  /**
   * The quote for a job that names no model nor max_tokens (what most clients send), in msats:
   * on the default model, at its price.
   */
  priceMsats: number
  /** Each model's prices (its own, or the defaults) and its quote as for `priceMsats`. */
  prices?: ModelOffer[]
}

export interface ModelOffer {
  model: string
  perJobSats: number
  per1kTokensSats: number
  priceMsats: number
}

const oneWords = (o: Pick<ModelOffer, 'priceMsats' | 'perJobSats' | 'per1kTokensSats'>) =>
  o.priceMsats === 0
    ? 'free'
    : `${o.perJobSats} sats per job + ${o.per1kTokensSats} sats per 1k tokens`

/** One price for all, or each model's when they differ. */
const priceWords = (o: Offer): string => {
  const prices = o.prices ?? []
  const same = prices.every(
    (p) => p.perJobSats === o.pricePerJobSats && p.per1kTokensSats === o.pricePer1kTokensSats,
  )
  if (same)
    return oneWords({
      ...o,
      perJobSats: o.pricePerJobSats,
      per1kTokensSats: o.pricePer1kTokensSats,
    })
  return prices.map((p) => `${p.model} ${oneWords(p)}`).join('; ')
}

/** The profile as published: what the person typed, and words of our own where they typed none. */
export const resolveProfile = (typed: ProviderProfile, offer: Offer): ProviderProfile => {
  const model = offer.defaultModel
  const models = offer.models.join(', ') || 'no models yet'
  return {
    name: typed.name.trim() || (model ? `${model} on Sell Compute` : 'Sell Compute'),
    about:
      typed.about.trim() ||
      `Text generation (NIP-90, kind 5050) on a local Ollama: ${models}. Price: ${priceWords(offer)}.`,
    picture: typed.picture.trim(),
    lightningAddress: typed.lightningAddress.trim(),
  }
}

const PARAMS = ['temperature', 'top_k', 'top_p', 'frequency_penalty', 'presence_penalty', 'seed']

/**
 * NIP-89 handler information (kind 31990). Clients read different spellings of the same
 * facts (Amethyst `supportsEncryption` and `image`, Primal `encryptionSupported` and
 * `picture`), so both are written.
 */
export const buildAnnouncement = (a: {
  pubkey: string
  profile: ProviderProfile
  offer: Offer
  now: number
}): EventTemplate => {
  const { profile, offer } = a
  const content = {
    name: profile.name,
    about: profile.about,
    ...(profile.picture ? { picture: profile.picture, image: profile.picture } : {}),
    amount: offer.priceMsats === 0 ? 'free' : String(offer.priceMsats),
    // Not in NIP-89: each model's price, for clients (and other providers' Market panes) that
    // read it; `amount` stays the default model's quote for those that do not.
    ...(offer.prices && offer.prices.length > 0
      ? {
          prices: Object.fromEntries(
            offer.prices.map((p) => [
              p.model,
              {
                amount: p.priceMsats === 0 ? 'free' : String(p.priceMsats),
                perJobSats: p.perJobSats,
                per1kTokensSats: p.per1kTokensSats,
              },
            ]),
          ),
        }
      : {}),
    supportsEncryption: true,
    encryptionSupported: true,
    ...(profile.lightningAddress ? { lud16: profile.lightningAddress } : {}),
    nip90Params: {
      model: { required: false, values: offer.models },
      max_tokens: { required: false, values: [String(offer.maxTokens)] },
      ...Object.fromEntries(PARAMS.map((p) => [p, { required: false, values: [] }])),
      stop: { required: false, values: [] },
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

/**
 * The kind 0 profile of the provider key, with the announcement's name, about and picture, so
 * clients that show the author of a result show the same provider. `bot` is NIP-24's mark
 * for an automated account.
 */
export const buildProfile = (profile: ProviderProfile, now: number): EventTemplate => ({
  kind: KIND_PROFILE,
  created_at: now,
  tags: [],
  content: JSON.stringify({
    name: profile.name,
    display_name: profile.name,
    about: profile.about,
    ...(profile.picture ? { picture: profile.picture } : {}),
    ...(profile.lightningAddress ? { lud16: profile.lightningAddress } : {}),
    bot: true,
  }),
})

/** NIP-65 relay list (kind 10002): where the provider reads requests and writes replies. */
export const buildRelayList = (relays: string[], now: number): EventTemplate => ({
  kind: KIND_RELAY_LIST,
  created_at: now,
  content: '',
  tags: [...new Set(relays)].map((r) => ['r', r]),
})

export type Liveness = 'online' | 'offline'

/** The liveness heartbeat (kind 11998) that expires one period ahead. */
export const buildHeartbeat = (
  pubkey: string,
  now: number,
  status: Liveness = 'online',
): EventTemplate => ({
  kind: KIND_HEARTBEAT,
  created_at: now,
  content: '',
  tags: [
    ['d', announcementId(pubkey)],
    ['status', status],
    ['expiration', String(now + HEARTBEAT_PERIOD_S)],
  ],
})
