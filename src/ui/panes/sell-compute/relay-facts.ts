import type { RelayLimits, RelayStatus } from '../../../shared/worker-api.ts'
import { secondsUntil } from '../../format.ts'

/** A relay's NIP-11 limits in words: "messages up to 128 KiB, 2,000 tags, AUTH required". */
export const limitsInWords = (l: RelayLimits): string => {
  const parts: string[] = []
  if (l.maxMessageLength) parts.push(`messages up to ${size(l.maxMessageLength)}`)
  if (l.maxContentLength)
    parts.push(`content up to ${l.maxContentLength.toLocaleString('en')} characters`)
  if (l.maxEventTags) parts.push(`${l.maxEventTags.toLocaleString('en')} tags`)
  if (l.minPowDifficulty) parts.push(`proof of work ${l.minPowDifficulty} bits`)
  if (l.authRequired) parts.push('AUTH required')
  if (l.paymentRequired) parts.push('payment required')
  if (l.restrictedWrites) parts.push('restricted writes')
  return parts.join(', ')
}

const size = (bytes: number) =>
  bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes.toLocaleString('en')} bytes`

/** What the relay list says beside the state: AUTH, refusals, pauses and limits. */
export const relayFacts = (r: RelayStatus, now: number): string[] => {
  const facts: string[] = []
  if (r.auth === 'authenticated') facts.push('authenticated')
  if (r.auth === 'required') facts.push('AUTH requested')
  if (r.auth === 'failed') facts.push(`AUTH failed: ${r.authProblem ?? 'refused'}`)
  if (r.refused) facts.push(`refuses our events: ${r.refused}`)
  if (r.rateLimitedUntil !== undefined && r.rateLimitedUntil > now)
    facts.push(`rate-limited, resuming in ${secondsUntil(r.rateLimitedUntil, now)} s`)
  if (r.limits && limitsInWords(r.limits)) facts.push(`limits: ${limitsInWords(r.limits)}`)
  if (r.infoProblem) facts.push(r.infoProblem)
  return facts
}
