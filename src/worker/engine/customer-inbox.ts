/**
 * Where a customer reads (NIP-65, the outbox model nostrdvm uses): the read relays of their
 * kind 10002 list, looked up on our relays when a job starts running (never at intake, which
 * must stay fast), with a deadline, and cached for a while in a bounded map so a customer's
 * next jobs need no lookup.
 */
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Log } from '../log.ts'
import type { RelayPool } from '../relay/relay-pool.ts'
import { errorText } from '../log.ts'

export const KIND_RELAY_LIST = 10002

export interface InboxDeps {
  /** Lookups go to our relays only (no hints): the customer names none here. */
  pool: () => Pick<RelayPool, 'get'> | null
  now: () => number
  log: Log
  ttlMs?: number
  /** Customers remembered at most; the oldest lookup makes room. */
  max?: number
  timeoutMs?: number
}

export interface Inbox {
  /** The customer's read relays ([] when they list none or the lookup failed); never rejects. */
  readRelays(pubkey: string, signal: AbortSignal): Promise<string[]>
}

// A customer's relays listed at most: NIP-65 asks clients to keep lists small (2-4 read relays).
const MAX_READ_RELAYS = 4
const RELAY_URL = /^wss?:\/\/[^\s]{1,200}$/i

/** The `r` tags of a kind 10002 marked `read` or not marked (both), first few, deduplicated. */
export const readRelaysOf = (event: Pick<NostrEvent, 'kind' | 'tags'>): string[] => {
  if (event.kind !== KIND_RELAY_LIST) return []
  const urls = event.tags
    .filter((t) => t[0] === 'r' && typeof t[1] === 'string' && (t[2] ?? 'read') === 'read')
    .map((t) => (t[1] as string).trim())
    .filter((u) => RELAY_URL.test(u))
  return [...new Set(urls)].slice(0, MAX_READ_RELAYS)
}

interface Entry {
  at: number
  relays: Promise<string[]>
}

export const createInbox = (d: InboxDeps): Inbox => {
  const ttl = d.ttlMs ?? 10 * 60_000
  const max = d.max ?? 1000
  const timeoutMs = d.timeoutMs ?? 3000
  const cache = new Map<string, Entry>()

  const lookUp = async (pubkey: string, signal: AbortSignal): Promise<string[]> => {
    const pool = d.pool()
    if (!pool) return []
    try {
      const found = await pool.get(
        { kinds: [KIND_RELAY_LIST], authors: [pubkey] },
        [],
        timeoutMs,
        signal,
      )
      return found && found.pubkey === pubkey ? readRelaysOf(found) : []
    } catch (e) {
      d.log('debug', `relay list of ${pubkey.slice(0, 8)} not read: ${errorText(e)}`)
      return []
    }
  }

  return {
    readRelays(pubkey, signal) {
      const now = d.now()
      const kept = cache.get(pubkey)
      if (kept && now - kept.at < ttl) return kept.relays
      const relays = lookUp(pubkey, signal)
      cache.delete(pubkey)
      cache.set(pubkey, { at: now, relays })
      if (cache.size > max) cache.delete(cache.keys().next().value as string)
      // A lookup cut short by its job's end says nothing about the customer: not kept.
      void relays.then(
        () => signal.aborted && cache.get(pubkey)?.relays === relays && cache.delete(pubkey),
      )
      return relays
    },
  }
}
