/**
 * The tally as it is kept in IndexedDB between visits. What comes back from storage is checked
 * like any untrusted input: a record of another shape starts a fresh tally, never a crash.
 */
import { DAY_MS, DEMAND_REASONS, type DemandBucket, type DemandReason } from './demand.ts'
import { MAX_PROVIDERS, type ProviderEntry } from './providers.ts'

/** A request seen, by id: why it was (not) taken, when, and its bid for the price hint. */
export interface Sighting {
  id: string
  reason: DemandReason
  at: number
  bidMsats?: number
  maxTokens?: number
  /** The model asked for (so the quote is the price of the model that would run it). */
  model?: string
}

export interface SavedMarket {
  v: 1
  /** When watching began, ms. */
  since: number
  demand: DemandBucket[]
  /** Every bid seen: [ms, msats], oldest first. */
  bids: [number, number][]
  /** Models asked for that were not offered: name -> count. */
  modelsAsked: Record<string, number>
  providers: ProviderEntry[]
  sightings: Sighting[]
  dropped: number
}

const REASONS = new Set<string>(DEMAND_REASONS.map((r) => r.reason))

export const emptyMarket = (now: number): SavedMarket => ({
  v: 1,
  since: now,
  demand: [],
  bids: [],
  modelsAsked: {},
  providers: [],
  sightings: [],
  dropped: 0,
})

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isPairs = (v: unknown): v is [number, number][] =>
  Array.isArray(v) &&
  v.every((x) => Array.isArray(x) && x.length === 2 && isNum(x[0]) && isNum(x[1]))

/** The saved tally, or an empty one when it is missing, of another version, or malformed. */
export const restoreMarket = (raw: unknown, now: number): SavedMarket => {
  if (typeof raw !== 'object' || raw === null) return emptyMarket(now)
  const m = raw as Partial<SavedMarket>
  const fine =
    m.v === 1 &&
    isNum(m.since) &&
    isNum(m.dropped) &&
    Array.isArray(m.demand) &&
    m.demand.every((b) => isNum(b?.start) && typeof b.counts === 'object' && b.counts !== null) &&
    isPairs(m.bids) &&
    typeof m.modelsAsked === 'object' &&
    m.modelsAsked !== null &&
    Array.isArray(m.providers) &&
    m.providers.every(
      (p) =>
        typeof p?.pubkey === 'string' &&
        Array.isArray(p.models) &&
        isPairs(p.results) &&
        isPairs(p.answeredMisses) &&
        isNum(p.lastSeen),
    ) &&
    Array.isArray(m.sightings) &&
    m.sightings.every((x) => typeof x?.id === 'string' && REASONS.has(x.reason) && isNum(x.at))
  if (!fine) return emptyMarket(now)
  const cut = now - DAY_MS
  return {
    v: 1,
    since: m.since as number,
    dropped: m.dropped as number,
    demand: (m.demand as DemandBucket[]).filter((b) => b.start > cut),
    bids: (m.bids as [number, number][]).filter(([t]) => t > cut),
    modelsAsked: m.modelsAsked as Record<string, number>,
    providers: (m.providers as ProviderEntry[]).slice(-MAX_PROVIDERS),
    sightings: (m.sightings as Sighting[])
      .filter((x) => x.at > cut)
      .map(({ model, ...x }) => (typeof model === 'string' ? { ...x, model } : x)),
  }
}
