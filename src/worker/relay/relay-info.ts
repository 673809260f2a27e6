/** NIP-11: a relay's information document, read for its `limitation`. */
import type { RelayLimits } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'

// A document is a few hundred bytes; a relay that sends megabytes is not read.
const MAX_DOCUMENT_BYTES = 64 * 1024

export type RelayInfo = { limits: RelayLimits; name?: string } | { problem: string }

/** The HTTP(S) address of a relay's document: the same URL with http(s). */
export const infoUrl = (relayUrl: string): string => relayUrl.replace(/^ws/, 'http')

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined
const flag = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)

/** Parse a document's text; anything malformed is a problem in words, never a throw. */
export const parseRelayInfo = (text: string): RelayInfo => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return { problem: 'its NIP-11 document is not JSON' }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { problem: 'its NIP-11 document is not a JSON object' }
  const d = doc as Record<string, unknown>
  const l = typeof d.limitation === 'object' && d.limitation !== null ? d.limitation : {}
  const raw = l as Record<string, unknown>
  const limits: RelayLimits = {}
  const put = <K extends keyof RelayLimits>(k: K, v: RelayLimits[K] | undefined) => {
    if (v !== undefined) limits[k] = v
  }
  put('maxMessageLength', count(raw.max_message_length))
  put('maxContentLength', count(raw.max_content_length))
  put('maxEventTags', count(raw.max_event_tags))
  put('minPowDifficulty', count(raw.min_pow_difficulty))
  put('authRequired', flag(raw.auth_required))
  put('paymentRequired', flag(raw.payment_required))
  put('restrictedWrites', flag(raw.restricted_writes))
  const name = typeof d.name === 'string' ? d.name.slice(0, 100) : undefined
  return name === undefined ? { limits } : { limits, name }
}

/** Fetch and parse, within `timeoutMs` and the caller's signal. */
export const fetchRelayInfo = async (
  relayUrl: string,
  timeoutMs: number,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<RelayInfo> => {
  try {
    const res = await fetchImpl(infoUrl(relayUrl), {
      headers: { Accept: 'application/nostr+json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    })
    if (!res.ok) return { problem: `its NIP-11 document answered HTTP ${res.status}` }
    const length = Number(res.headers.get('content-length') ?? 0)
    if (length > MAX_DOCUMENT_BYTES) return { problem: 'its NIP-11 document is too large' }
    const text = await res.text()
    if (text.length > MAX_DOCUMENT_BYTES) return { problem: 'its NIP-11 document is too large' }
    return parseRelayInfo(text)
  } catch (e) {
    const why = signal.aborted ? 'stopped' : errorText(e)
    return { problem: `its NIP-11 document could not be fetched (${why})` }
  }
}
