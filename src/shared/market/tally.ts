/**
 * The market tally: bounded counters over what the provider's relays carry, fed by two sources.
 * `observe` takes raw market events (requests, announcements, heartbeats, results, profiles);
 * `decided` takes the engine's own verdict on a request that was ours to decide. Everything is
 * plain data, saved and restored whole (`save`), and a day long at most; `report` reads it for
 * the Market pane (tally-report.ts).
 */
import type { NostrEvent } from '../nip90/types.ts'
import {
  KIND_HANDLER_INFO,
  KIND_HEARTBEAT,
  KIND_TEXT_REQUEST,
  KIND_TEXT_RESULT,
} from '../nip90/kinds.ts'
import { requestFacts } from './classify.ts'
import { DAY_MS, bucketStart, countDemand, type DemandReason } from './demand.ts'
import {
  MAX_ANNOUNCEMENT_CHARS,
  countHour,
  parseAnnouncement,
  providerEntry,
  type ProviderEntry,
} from './providers.ts'
import type { MarketReport } from './report.ts'
import { marketReport } from './tally-report.ts'
import { restoreMarket, type SavedMarket, type Sighting } from './saved.ts'
import type { MarketView } from './view.ts'

export const KIND_PROFILE = 0
/** Requests remembered by id (to reclassify and to credit the provider that answered). */
export const MAX_SIGHTINGS = 5000

export interface RequestDetails {
  bidMsats?: number
  maxTokens?: number
  model?: string
}

export const createMarketTally = (saved: unknown, now: number) => {
  const s: SavedMarket = restoreMarket(saved, now)
  const providers = new Map<string, ProviderEntry>(s.providers.map((p) => [p.pubkey, p]))
  const sightings = new Map<string, Sighting>(s.sightings.map((x) => [x.id, x]))
  // Relays send newest first, so a result may come before the request it answers.
  const earlyAnswers = new Map<string, { pubkey: string; at: number }>()

  const creditMiss = (pubkey: string, when: number, now: number) => {
    const p = providers.get(pubkey)
    if (p) countHour(p.answeredMisses, when, now)
  }

  /** An event's time, ms, kept inside the day the tally covers. */
  const at = (createdAt: number, now: number) =>
    Math.min(Math.max(createdAt * 1000, now - DAY_MS + 1), now)

  const classify = (
    id: string,
    reason: DemandReason,
    when: number,
    d: RequestDetails,
    now: number,
  ) => {
    const before = sightings.get(id)
    if (before) {
      if (before.reason === reason) return
      const bucket = s.demand.find((b) => b.start === bucketStart(before.at))
      const count = bucket?.counts[before.reason] ?? 0
      if (bucket && count > 0) bucket.counts[before.reason] = count - 1
      sightings.delete(id)
    }
    countDemand(s.demand, reason, before?.at ?? when, now)
    const sighting: Sighting = { id, reason, at: before?.at ?? when }
    if (d.bidMsats !== undefined) sighting.bidMsats = d.bidMsats
    if (d.maxTokens !== undefined) sighting.maxTokens = d.maxTokens
    if (d.model !== undefined) sighting.model = d.model
    sightings.set(id, sighting)
    if (sightings.size > MAX_SIGHTINGS) sightings.delete(sightings.keys().next().value as string)
    const early = earlyAnswers.get(id)
    if (early && reason !== 'taken') creditMiss(early.pubkey, early.at, now)
    earlyAnswers.delete(id)
  }

  const noteModel = (model: string | undefined, view: MarketView) => {
    if (!model || view.offeredModels.includes(model)) return
    s.modelsAsked[model] = (s.modelsAsked[model] ?? 0) + 1
    const names = Object.keys(s.modelsAsked)
    if (names.length > 100) {
      const rarest = names.reduce((a, b) =>
        (s.modelsAsked[a] ?? 0) <= (s.modelsAsked[b] ?? 0) ? a : b,
      )
      delete s.modelsAsked[rarest]
    }
  }

  const observeRequest = (event: NostrEvent, view: MarketView, now: number) => {
    if (sightings.has(event.id)) return
    const facts = requestFacts(event, view.pubkey)
    const when = at(event.created_at, now)
    if (facts.bidMsats !== undefined) {
      s.bids.push([when, facts.bidMsats])
      if (s.bids.length > MAX_SIGHTINGS) s.bids.shift()
    }
    noteModel(facts.model, view)
    // Ours while online: the engine decides and says so through `decided`.
    if (facts.reason === 'ours' && view.online) return
    classify(event.id, facts.reason === 'ours' ? 'offline' : facts.reason, when, facts, now)
  }

  const observe = (event: NostrEvent, view: MarketView, now: number) => {
    if (event.kind === KIND_TEXT_REQUEST) return observeRequest(event, view, now)
    if (event.pubkey === view.pubkey) return
    const when = at(event.created_at, now)
    if (event.kind === KIND_TEXT_RESULT) {
      const p = providerEntry(providers, event.pubkey, now)
      p.lastSeen = Math.max(p.lastSeen, when)
      countHour(p.results, when, now)
      const answered = event.tags.find((t) => t[0] === 'e')?.[1]
      if (!answered) return
      const missed = sightings.get(answered)
      if (missed && missed.reason !== 'taken') creditMiss(p.pubkey, when, now)
      else if (!missed) {
        earlyAnswers.set(answered, { pubkey: p.pubkey, at: when })
        if (earlyAnswers.size > MAX_SIGHTINGS)
          earlyAnswers.delete(earlyAnswers.keys().next().value as string)
      }
    } else if (event.kind === KIND_HANDLER_INFO) {
      if (!event.tags.some((t) => t[0] === 'k' && t[1] === String(KIND_TEXT_REQUEST))) return
      const a = parseAnnouncement(event.content)
      if (!a) return
      const p = providerEntry(providers, event.pubkey, now)
      if ((p.announcedAt ?? 0) > when) return
      p.announcedAt = when
      p.lastSeen = Math.max(p.lastSeen, when)
      p.models = a.models
      if (a.name) p.name = a.name
      if (a.amount !== undefined) p.amount = a.amount
      else delete p.amount
    } else if (event.kind === KIND_HEARTBEAT) {
      const p = providerEntry(providers, event.pubkey, now)
      if ((p.heartbeatAt ?? 0) > when) return
      p.heartbeatAt = when
      p.lastSeen = Math.max(p.lastSeen, when)
      p.heartbeatStatus = event.tags.find((t) => t[0] === 'status')?.[1]?.slice(0, 40) ?? 'online'
    } else if (event.kind === KIND_PROFILE) {
      const p = providers.get(event.pubkey)
      if (!p || p.name || event.content.length > MAX_ANNOUNCEMENT_CHARS) return
      const profile = parseAnnouncement(event.content)
      if (profile?.name) p.name = profile.name
    }
  }

  const decided = (
    id: string,
    reason: DemandReason,
    d: RequestDetails,
    createdAt: number,
    now: number,
  ) => classify(id, reason, at(createdAt, now), d, now)

  const save = (): SavedMarket => ({
    ...s,
    providers: [...providers.values()],
    sightings: [...sightings.values()],
  })

  return {
    observe,
    decided,
    // The saved form shares `demand` with the live tally, so the report's trim keeps applying.
    report: (view: MarketView, now: number): MarketReport => marketReport(save(), view, now),
    /** Market events refused by the watcher's own limits. */
    countDropped: () => void (s.dropped += 1),
    save,
  }
}

export type MarketTally = ReturnType<typeof createMarketTally>
