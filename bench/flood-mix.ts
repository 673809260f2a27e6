/**
 * The flood's requests: kind 5050s from 2,000 keys, as a public relay carries them to a
 * provider, in a fixed mix (FLOOD_MIX), shuffled with a fixed seed so runs compare:
 * - forged: addressed to this provider, well formed, with another event's signature (sent on
 *   a connection the relay does not verify: a relay that does not check signatures);
 * - other providers: valid, with a `p` tag naming someone else;
 * - unpaid: valid, for this provider, from customers who pay (the provider has a price); half
 *   carry a bid below the price, the rest ask for an invoice nobody pays;
 * - free: valid, for this provider, from customers on its "Free customers" list: real jobs.
 */
import { generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import { fastSigner } from './fast-sign.ts'
import { benchPrompt } from './fake-model.ts'

export type FloodKind = 'forged' | 'other' | 'unpaid' | 'free'

/** Shares of the flood. Free jobs are few: a provider can serve them while flooded. */
export const FLOOD_MIX: Record<FloodKind, number> = {
  forged: 0.33,
  other: 0.33,
  unpaid: 0.32,
  free: 0.02,
}

export interface FloodRequest {
  kind: FloodKind
  event: Event
}

/** A small, seeded generator (mulberry32): the same mix and order every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export const makeFlood = async (o: { requests: number; keys: number; provider: string }) => {
  const sign = await fastSigner()
  const random = seeded(19)
  const kinds = Object.keys(FLOOD_MIX) as FloodKind[]
  // Each key sends one kind of request, so the free ones come from keys on the list.
  const keys = Array.from({ length: o.keys }, (_, i) => {
    const share = (i + 0.5) / o.keys
    let sum = 0
    const kind = kinds.find((k) => (sum += FLOOD_MIX[k]) > share) ?? 'forged'
    return { kind, sk: generateSecretKey() }
  })
  const otherProviders = Array.from({ length: 10 }, () => getPublicKey(generateSecretKey()))
  const now = Math.floor(Date.now() / 1000)
  const requests: FloodRequest[] = Array.from({ length: o.requests }, (_, i) => {
    const key = keys[i % keys.length] as (typeof keys)[number]
    const p =
      key.kind === 'other' ? (otherProviders[i % otherProviders.length] as string) : o.provider
    const tags = [
      ['i', benchPrompt(4, `flood ${key.kind} ${i}`), 'text'],
      ['output', 'text/plain'],
      ['p', p],
      ...(key.kind === 'unpaid' && i % 2 === 0 ? [['bid', '1']] : []),
    ]
    const event = sign({ kind: 5050, created_at: now, tags, content: '' }, key.sk)
    if (key.kind !== 'forged') return { kind: key.kind, event }
    // Another event's signature: well formed, and wrong.
    const other = sign({ kind: 5050, created_at: now, tags: [], content: `${i}` }, key.sk)
    return { kind: key.kind, event: { ...event, sig: other.sig } }
  })
  // Shuffled, so each kind is spread through the flood.
  for (let i = requests.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[requests[i], requests[j]] = [requests[j] as FloodRequest, requests[i] as FloodRequest]
  }
  const freeKeys = keys.filter((k) => k.kind === 'free').map((k) => getPublicKey(k.sk))
  return { requests, freeKeys }
}
