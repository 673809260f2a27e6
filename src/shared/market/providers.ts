/**
 * The other text-generation providers seen on our relays: what their announcements (kind 31990,
 * `k` 5050), heartbeats (kind 11998) and results (kind 6050) say. Announcements are hostile
 * input: size-capped, parsed defensively, every string cut short, the table itself capped.
 */
import { HOUR_MS, DAY_MS } from './demand.ts'

export interface ProviderEntry {
  pubkey: string
  name?: string
  models: string[]
  /** Their `amount`: msats, or 'free'. */
  amount?: number | 'free'
  announcedAt?: number
  heartbeatAt?: number
  heartbeatStatus?: string
  /** Results published, per hour: [hour start ms, count], oldest first, a day at most. */
  results: [number, number][]
  /** Results that answered requests we did not take, per hour, likewise. */
  answeredMisses: [number, number][]
  /** Anything from them, ms. */
  lastSeen: number
}

export const MAX_PROVIDERS = 300
export const MAX_ANNOUNCEMENT_CHARS = 16_384
const MAX_MODELS = 24
const MAX_TEXT = 80

const cut = (v: unknown, max = MAX_TEXT): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined

/** Their price: NIP-89 `amount` is msats as a number or a string of digits, or "free". */
export const parseAmount = (v: unknown): number | 'free' | undefined => {
  if (typeof v === 'string' && v.trim().toLowerCase() === 'free') return 'free'
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\d{1,15}$/.test(v.trim())
        ? Number(v)
        : NaN
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

export interface Announcement {
  name?: string
  models: string[]
  amount?: number | 'free'
}

/** The parts of a kind 31990 content we show; null when it is not JSON we can read. */
export const parseAnnouncement = (content: string): Announcement | null => {
  if (content.length > MAX_ANNOUNCEMENT_CHARS) return null
  let raw: unknown
  try {
    raw = JSON.parse(content)
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const o = raw as Record<string, unknown>
  const params = o.nip90Params as Record<string, unknown> | undefined
  const model = typeof params === 'object' && params !== null ? params.model : undefined
  const values = (model as { values?: unknown } | undefined)?.values
  const models = Array.isArray(values)
    ? values.flatMap((m) => cut(m, 64) ?? []).slice(0, MAX_MODELS)
    : []
  const a: Announcement = { models }
  const name = cut(o.name) ?? cut(o.display_name)
  if (name) a.name = name
  const amount = parseAmount(o.amount)
  if (amount !== undefined) a.amount = amount
  return a
}

const hourStart = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS

/** Add one to the hour of `at` in a day-long series, dropping hours older than a day. */
export const countHour = (series: [number, number][], at: number, now: number): void => {
  const start = hourStart(at)
  const last = series[series.length - 1]
  if (last && last[0] === start) last[1]++
  else if (!last || last[0] < start) series.push([start, 1])
  else {
    const found = series.find((s) => s[0] === start)
    if (found) found[1]++
    else {
      series.push([start, 1])
      series.sort((a, b) => a[0] - b[0])
    }
  }
  while (series.length > 0 && (series[0] as [number, number])[0] <= now - DAY_MS) series.shift()
}

/** The sum of a per-hour series over the hours that overlap the window. */
export const sumHours = (series: readonly [number, number][], windowMs: number, now: number) =>
  series.reduce((n, [start, count]) => (start + HOUR_MS > now - windowMs ? n + count : n), 0)

/** The entry for `pubkey`, made if new; the table never grows past MAX_PROVIDERS. */
export const providerEntry = (
  table: Map<string, ProviderEntry>,
  pubkey: string,
  now: number,
): ProviderEntry => {
  let entry = table.get(pubkey)
  if (!entry) {
    if (table.size >= MAX_PROVIDERS) evictStalest(table)
    entry = { pubkey, models: [], results: [], answeredMisses: [], lastSeen: now }
    table.set(pubkey, entry)
  }
  return entry
}

const evictStalest = (table: Map<string, ProviderEntry>) => {
  let stalest: ProviderEntry | undefined
  for (const e of table.values()) if (!stalest || e.lastSeen < stalest.lastSeen) stalest = e
  if (stalest) table.delete(stalest.pubkey)
}
