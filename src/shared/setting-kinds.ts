/**
 * The codec of each kind of settings row (setting-rows.ts): once for every row of that kind,
 * how a stored value is checked, how it is shown as text in the form, and how text a person
 * typed is parsed. A new kind of setting is a row type there plus its codec here.
 */
import { decode } from 'nostr-tools/nip19'
import { err, ok, type Result } from './result.ts'
import type {
  Kind,
  ModelPrice,
  ModelPricesRow,
  SettingRow,
  Values,
  WholeRow,
} from './setting-rows.ts'

interface Codec<R extends SettingRow> {
  /** A stored value, or undefined when it is missing or damaged (the default applies). */
  normalize: (stored: unknown, row: R) => Values[R['kind']] | undefined
  toText: (value: Values[R['kind']]) => string
  parse: (text: string, row: R) => Result<Values[R['kind']]>
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : null)

export const parseRelayUrl = (raw: string): Result<string> => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return err(`"${raw}" is not a URL`)
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return err(`"${raw}" must start with wss:// (or ws:// for a local relay)`)
  }
  // One spelling per relay, so dedupe and status lines agree.
  return ok(url.href.replace(/\/$/, ''))
}

/** Hex pubkeys from lines of npub or hex; the first bad line is named. */
export const parsePubkeys = (text: string | undefined, fallback: string[]): Result<string[]> => {
  if (text === undefined) return ok(fallback)
  const keys: string[] = []
  for (const line of lines(text)) {
    let hex = line.toLowerCase()
    if (line.startsWith('npub1')) {
      try {
        const d = decode(line)
        hex = d.type === 'npub' ? d.data : ''
      } catch {
        hex = ''
      }
    }
    if (!/^[0-9a-f]{64}$/.test(hex))
      return err(`"${line.slice(0, 30)}" is not an npub or a hex public key`)
    if (!keys.includes(hex)) keys.push(hex)
  }
  return ok(keys)
}

/** The one whole-number parser of the form. */
const parseWhole = (text: string, row: WholeRow): Result<number> => {
  const t = text.trim()
  const n = Number(t)
  const whole = /^\d+$/.test(t) && n >= row.min
  if (row.unit === 'sats') {
    if (!whole) return err(`${row.label} must be a whole number of sats, ${row.min} or more`)
    if (n > row.max) return err(`${row.label} must be at most ${row.max.toLocaleString('en')} sats`)
    return ok(n)
  }
  return whole && n <= row.max
    ? ok(n)
    : err(`${row.label} must be a whole number from ${row.min} to ${row.max}`)
}

const list = { toText: (v: string[]) => v.join('\n') }
const same = { toText: (v: string) => v }

// More would be a damaged record or a typing accident: no provider sells that many models.
const MAX_PRICED_MODELS = 200
const isSats = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER

const normalizePrices = (v: unknown): Record<string, ModelPrice> | undefined => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const prices: Record<string, ModelPrice> = {}
  for (const [name, p] of Object.entries(v).slice(0, MAX_PRICED_MODELS)) {
    const { perJobSats, per1kTokensSats } = (p ?? {}) as Partial<ModelPrice>
    if (name !== '' && isSats(perJobSats) && isSats(per1kTokensSats))
      prices[name] = { perJobSats, per1kTokensSats }
  }
  return prices
}

const parsePrices = (text: string, row: ModelPricesRow): Result<Record<string, ModelPrice>> => {
  const prices: Record<string, ModelPrice> = {}
  for (const line of lines(text)) {
    const [name, base, per1k, ...rest] = line.split(/\s+/)
    const sats = (t: string | undefined) =>
      t !== undefined && /^\d+$/.test(t) && Number(t) <= row.max ? Number(t) : undefined
    const perJobSats = sats(base)
    const per1kTokensSats = sats(per1k)
    if (!name || perJobSats === undefined || per1kTokensSats === undefined || rest.length > 0)
      return err(
        `${row.label}: "${line.slice(0, 60)}" must be a model name, then the price per job and per 1k tokens in whole sats up to ${row.max.toLocaleString('en')}`,
      )
    prices[name] = { perJobSats, per1kTokensSats }
  }
  if (Object.keys(prices).length > MAX_PRICED_MODELS)
    return err(`${row.label}: at most ${MAX_PRICED_MODELS} models`)
  return ok(prices)
}

export const CODECS: { [K in Kind]: Codec<Extract<SettingRow, { kind: K }>> } = {
  whole: {
    normalize: (v, row) =>
      typeof v === 'number' && Number.isFinite(v) && v >= 0
        ? Math.max(row.min, Math.floor(v))
        : undefined,
    toText: String,
    parse: parseWhole,
  },
  flag: {
    normalize: (v) => (typeof v === 'boolean' ? v : undefined),
    toText: String,
    // As a checkbox sends it.
    parse: (text) => ok(text === 'true'),
  },
  text: {
    normalize: (v) => (typeof v === 'string' ? v : undefined),
    ...same,
    parse: (text, row) => (text.trim().length > row.maxLength ? err(row.tooLong) : ok(text.trim())),
  },
  'http-url': {
    normalize: (v) => (typeof v === 'string' ? v : undefined),
    ...same,
    parse: (raw, row) => {
      try {
        const url = new URL(raw.trim())
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          return err(`${row.label} must start with http:// or https://`)
        }
        return ok(url.href.replace(/\/$/, ''))
      } catch {
        return err(`"${raw}" is not a URL, for example ${row.default}`)
      }
    },
  },
  'image-url': {
    normalize: (v) => (typeof v === 'string' ? v : undefined),
    ...same,
    parse: (raw, row) => {
      const text = raw.trim()
      if (text === '') return ok('')
      const fix = `${row.label} must be an https:// address of an image, or empty`
      try {
        const url = new URL(text)
        return url.protocol === 'https:' && text.length <= 1000 ? ok(url.href) : err(fix)
      } catch {
        return err(fix)
      }
    },
  },
  'lightning-address': {
    normalize: (v) => (typeof v === 'string' ? v : undefined),
    ...same,
    // LUD-16: the part before @ is a-z0-9-_. (wallets lower-case what people type).
    parse: (raw, row) => {
      const text = raw.trim().toLowerCase()
      if (text === '') return ok('')
      return /^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text) && text.length <= 320
        ? ok(text)
        : err(`${row.label} must look like name@example.com, or be empty`)
    },
  },
  relays: {
    normalize: (v) => {
      const relays = strings(v)?.filter((r) => parseRelayUrl(r).ok) ?? []
      return relays.length > 0 ? relays : undefined
    },
    ...list,
    parse: (text) => {
      const relays: string[] = []
      const typed = lines(text)
      if (typed.length === 0) return err('Add at least one relay, one URL per line')
      for (const line of typed) {
        const parsed = parseRelayUrl(line)
        if (!parsed.ok) return parsed
        if (!relays.includes(parsed.value)) relays.push(parsed.value)
      }
      return ok(relays)
    },
  },
  pubkeys: {
    normalize: (v) => strings(v)?.filter((k) => /^[0-9a-f]{64}$/.test(k)),
    ...list,
    parse: (text) => parsePubkeys(text, []),
  },
  names: {
    normalize: (v) => strings(v)?.filter((m) => m !== ''),
    ...list,
    parse: (text) => ok(lines(text)),
  },
  'model-prices': {
    normalize: normalizePrices,
    toText: (v) =>
      Object.entries(v)
        .map(([name, p]) => `${name} ${p.perJobSats} ${p.per1kTokensSats}`)
        .join('\n'),
    parse: parsePrices,
  },
}

/** The codec of a row; the table's kinds and values line up by construction. */
export const codecOf = <R extends SettingRow>(row: R) => CODECS[row.kind] as unknown as Codec<R>
