import { parsePolicyForm, policyToForm, type PolicyForm } from './policy-form.ts'
/** Provider settings: defaults, and validation of what a person typed. */
export interface Settings {
  relays: string[]
  ollamaUrl: string
  pricePerJobSats: number
  pricePer1kTokensSats: number
  /** Empty means: the first installed model. */
  defaultModel: string
  /** The most tokens one job may ask for; larger max_tokens are clamped. */
  maxTokensCap: number
  /** How far back to accept requests when going online, in seconds. */
  lookbackSeconds: number
  /** The longest one generation may take, in seconds. */
  generationTimeoutSeconds: number
  /** How long an invoice may stay unpaid before its job ends as expired, in seconds. */
  invoiceExpirySeconds: number
  /** Send `partial` feedback with the text so far while generating. */
  streamPartials: boolean
  /** Jobs run at once, and jobs accepted at most (running + waiting). */
  concurrency: number
  queueCapacity: number
  /** Requests per customer per minute; more are refused. */
  rateLimitPerMinute: number
  /** A requested model that is not installed: use the default (true) or refuse (false). */
  fallbackToDefaultModel: boolean
  /** Customers (hex pubkeys) never served, and customers served free. */
  blocklist: string[]
  allowlist: string[]
  /** Models offered for sale; empty means every installed model. */
  offeredModels: string[]
}

export const DEFAULT_SETTINGS: Settings = {
  relays: ['wss://relay.damus.io', 'wss://nos.lol', 'wss://relay.primal.net'],
  ollamaUrl: 'http://localhost:11434',
  pricePerJobSats: 0,
  pricePer1kTokensSats: 0,
  defaultModel: '',
  maxTokensCap: 4096,
  lookbackSeconds: 120,
  generationTimeoutSeconds: 300,
  invoiceExpirySeconds: 600,
  streamPartials: true,
  concurrency: 1,
  queueCapacity: 20,
  rateLimitPerMinute: 10,
  fallbackToDefaultModel: true,
  blocklist: [],
  allowlist: [],
  offeredModels: [],
}

/** What the Settings form sends: text, as typed. */
export interface SettingsForm extends PolicyForm {
  relays: string
  ollamaUrl: string
  pricePerJobSats: string
  pricePer1kTokensSats: string
  maxTokensCap?: string
  defaultModel: string
}

export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>

export const toForm = (s: Settings): SettingsForm => ({
  relays: s.relays.join('\n'),
  ollamaUrl: s.ollamaUrl,
  pricePerJobSats: String(s.pricePerJobSats),
  pricePer1kTokensSats: String(s.pricePer1kTokensSats),
  maxTokensCap: String(s.maxTokensCap),
  defaultModel: s.defaultModel,
  ...policyToForm(s),
})

const MAX_SATS = 1_000_000

export const parseRelayUrl = (raw: string): string | { error: string } => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { error: `"${raw}" is not a URL` }
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return { error: `"${raw}" must start with wss:// (or ws:// for a local relay)` }
  }
  // One spelling per relay, so dedupe and status lines agree.
  return url.href.replace(/\/$/, '')
}

const parseSats = (raw: string, label: string): number | { error: string } => {
  const text = raw.trim()
  if (!/^\d+$/.test(text)) return { error: `${label} must be a whole number of sats, 0 or more` }
  const n = Number(text)
  if (n > MAX_SATS)
    return { error: `${label} must be at most ${MAX_SATS.toLocaleString('en')} sats` }
  return n
}

const parseHttpUrl = (raw: string): string | { error: string } => {
  try {
    const url = new URL(raw.trim())
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { error: 'Ollama URL must start with http:// or https://' }
    }
    return url.href.replace(/\/$/, '')
  } catch {
    return { error: `"${raw}" is not a URL, for example http://localhost:11434` }
  }
}

const isError = (v: unknown): v is { error: string } =>
  typeof v === 'object' && v !== null && 'error' in v

/** Validate the whole form; on any error nothing is applied. */
export const parseSettingsForm = (
  form: SettingsForm,
  base: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors } => {
  const errors: SettingsErrors = {}
  const lines = form.relays
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const relays: string[] = []
  if (lines.length === 0) errors.relays = 'Add at least one relay, one URL per line'
  for (const line of lines) {
    const parsed = parseRelayUrl(line)
    if (isError(parsed)) {
      errors.relays = parsed.error
      break
    }
    if (!relays.includes(parsed)) relays.push(parsed)
  }
  const ollamaUrl = parseHttpUrl(form.ollamaUrl)
  if (isError(ollamaUrl)) errors.ollamaUrl = ollamaUrl.error
  const perJob = parseSats(form.pricePerJobSats, 'Price per job')
  if (isError(perJob)) errors.pricePerJobSats = perJob.error
  const per1k = parseSats(form.pricePer1kTokensSats, 'Price per 1k tokens')
  if (isError(per1k)) errors.pricePer1kTokensSats = per1k.error
  // An older form without the field keeps the saved cap.
  const capText = (form.maxTokensCap ?? String(base.maxTokensCap)).trim()
  const cap = Number(capText)
  if (!/^\d+$/.test(capText) || cap < 1 || cap > 1_000_000) {
    errors.maxTokensCap = 'Max tokens per job must be a whole number from 1 to 1,000,000'
  }
  const defaultModel = form.defaultModel.trim()
  if (defaultModel.length > 200) errors.defaultModel = 'Model name is too long'

  const policy = parsePolicyForm(form, base)
  if (!policy.ok) Object.assign(errors, policy.errors)

  if (
    isError(ollamaUrl) ||
    isError(perJob) ||
    isError(per1k) ||
    !policy.ok ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, errors }
  }
  return {
    ok: true,
    settings: {
      ...base,
      relays,
      ollamaUrl,
      pricePerJobSats: perJob,
      pricePer1kTokensSats: per1k,
      maxTokensCap: cap,
      defaultModel,
      ...policy.value,
    },
  }
}

/** Settings read back from storage may be from an older version or damaged. */
export const normalizeSettings = (stored: unknown): Settings => {
  if (typeof stored !== 'object' || stored === null) return structuredClone(DEFAULT_SETTINGS)
  const s = stored as Partial<Record<keyof Settings, unknown>>
  const num = (v: unknown, d: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d
  const relays = Array.isArray(s.relays)
    ? s.relays.filter((r): r is string => typeof r === 'string' && !isError(parseRelayUrl(r)))
    : DEFAULT_SETTINGS.relays
  return {
    relays: relays.length > 0 ? relays : [...DEFAULT_SETTINGS.relays],
    ollamaUrl: typeof s.ollamaUrl === 'string' ? s.ollamaUrl : DEFAULT_SETTINGS.ollamaUrl,
    pricePerJobSats: num(s.pricePerJobSats, DEFAULT_SETTINGS.pricePerJobSats),
    pricePer1kTokensSats: num(s.pricePer1kTokensSats, DEFAULT_SETTINGS.pricePer1kTokensSats),
    defaultModel: typeof s.defaultModel === 'string' ? s.defaultModel : '',
    maxTokensCap: num(s.maxTokensCap, DEFAULT_SETTINGS.maxTokensCap),
    lookbackSeconds: num(s.lookbackSeconds, DEFAULT_SETTINGS.lookbackSeconds),
    generationTimeoutSeconds: num(
      s.generationTimeoutSeconds,
      DEFAULT_SETTINGS.generationTimeoutSeconds,
    ),
    invoiceExpirySeconds: Math.max(
      1,
      num(s.invoiceExpirySeconds, DEFAULT_SETTINGS.invoiceExpirySeconds),
    ),
    streamPartials: bool(s.streamPartials, DEFAULT_SETTINGS.streamPartials),
    concurrency: Math.max(1, Math.floor(num(s.concurrency, DEFAULT_SETTINGS.concurrency))),
    queueCapacity: Math.max(1, Math.floor(num(s.queueCapacity, DEFAULT_SETTINGS.queueCapacity))),
    rateLimitPerMinute: num(s.rateLimitPerMinute, DEFAULT_SETTINGS.rateLimitPerMinute),
    fallbackToDefaultModel: bool(s.fallbackToDefaultModel, DEFAULT_SETTINGS.fallbackToDefaultModel),
    blocklist: hexList(s.blocklist),
    allowlist: hexList(s.allowlist),
    offeredModels: Array.isArray(s.offeredModels)
      ? s.offeredModels.filter((m): m is string => typeof m === 'string' && m !== '')
      : [],
  }
}

const hexList = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((k): k is string => typeof k === 'string' && /^[0-9a-f]{64}$/.test(k))
    : []

const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d)
