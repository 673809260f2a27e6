/** The provider's policy fields of the Settings form: queue, limits, and who is served how. */
import { decode } from 'nostr-tools/nip19'
import type { Settings } from './settings.ts'

export interface PolicyForm {
  concurrency?: string
  queueCapacity?: string
  rateLimitPerMinute?: string
  /** 'true' or 'false', as a checkbox sends it. */
  streamPartials?: string
  fallbackToDefaultModel?: string
  /** One npub or hex pubkey per line. */
  blocklist?: string
  allowlist?: string
}

type PolicyKey = keyof PolicyForm
type PolicySettings = Pick<
  Settings,
  | 'concurrency'
  | 'queueCapacity'
  | 'rateLimitPerMinute'
  | 'streamPartials'
  | 'fallbackToDefaultModel'
  | 'blocklist'
  | 'allowlist'
>

export const policyToForm = (s: Settings): Required<PolicyForm> => ({
  concurrency: String(s.concurrency),
  queueCapacity: String(s.queueCapacity),
  rateLimitPerMinute: String(s.rateLimitPerMinute),
  streamPartials: String(s.streamPartials),
  fallbackToDefaultModel: String(s.fallbackToDefaultModel),
  blocklist: s.blocklist.join('\n'),
  allowlist: s.allowlist.join('\n'),
})

const whole = (
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  label: string,
) => {
  const t = (text ?? String(fallback)).trim()
  const n = Number(t)
  return /^\d+$/.test(t) && n >= min && n <= max
    ? n
    : { error: `${label} must be a whole number from ${min} to ${max}` }
}

/** Hex pubkeys from lines of npub or hex; the first bad line is named. */
export const parsePubkeys = (
  text: string | undefined,
  fallback: string[],
): string[] | { error: string } => {
  if (text === undefined) return fallback
  const keys: string[] = []
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
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
      return { error: `"${line.slice(0, 30)}" is not an npub or a hex public key` }
    if (!keys.includes(hex)) keys.push(hex)
  }
  return keys
}

export const parsePolicyForm = (
  form: PolicyForm,
  base: Settings,
):
  | { ok: true; value: PolicySettings }
  | { ok: false; errors: Partial<Record<PolicyKey, string>> } => {
  const errors: Partial<Record<PolicyKey, string>> = {}
  const concurrency = whole(form.concurrency, base.concurrency, 1, 16, 'Jobs at once')
  const queueCapacity = whole(form.queueCapacity, base.queueCapacity, 1, 1000, 'Queue capacity')
  const rateLimit = whole(
    form.rateLimitPerMinute,
    base.rateLimitPerMinute,
    1,
    10_000,
    'Requests per customer per minute',
  )
  const blocklist = parsePubkeys(form.blocklist, base.blocklist)
  const allowlist = parsePubkeys(form.allowlist, base.allowlist)
  if (typeof concurrency !== 'number') errors.concurrency = concurrency.error
  if (typeof queueCapacity !== 'number') errors.queueCapacity = queueCapacity.error
  if (typeof rateLimit !== 'number') errors.rateLimitPerMinute = rateLimit.error
  if ('error' in blocklist) errors.blocklist = blocklist.error
  if ('error' in allowlist) errors.allowlist = allowlist.error
  if (
    typeof concurrency !== 'number' ||
    typeof queueCapacity !== 'number' ||
    typeof rateLimit !== 'number' ||
    'error' in blocklist ||
    'error' in allowlist
  ) {
    return { ok: false, errors }
  }
  const flag = (v: string | undefined, d: boolean) => (v === undefined ? d : v === 'true')
  return {
    ok: true,
    value: {
      concurrency,
      queueCapacity,
      rateLimitPerMinute: rateLimit,
      streamPartials: flag(form.streamPartials, base.streamPartials),
      fallbackToDefaultModel: flag(form.fallbackToDefaultModel, base.fallbackToDefaultModel),
      blocklist,
      allowlist,
    },
  }
}
