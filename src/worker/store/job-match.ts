/**
 * Which jobs a Job History filter matches, from the indexes alone: each filter is one or
 * more key ranges of a [value, receivedAt] index, and several filters intersect.
 */
import { matchesShort, shortNpubKeyRange, type ShortNpub } from '../../shared/customer-key.ts'
import type { JobFilter } from '../../shared/worker-api.ts'
import { distinctFirstParts, eachKey, request } from './cursor.ts'

export type TimeIndex = 'receivedAt' | 'state-time' | 'customer-time' | 'model-time'

/** One filter: a job matches it when its key is in any of the ranges. */
export interface Clause {
  index: TimeIndex
  ranges: IDBKeyRange[]
}

/** A fresh read of the jobs store: each step gets its own, so none outlives its transaction. */
export type JobsStore = () => IDBObjectStore

/** Every customer a shortened npub stands for (almost always one), hex. */
const customersOf = async (store: JobsStore, short: ShortNpub): Promise<string[]> => {
  const { lower, upper } = shortNpubKeyRange(short)
  const range = IDBKeyRange.bound([lower, -Infinity], [upper, Infinity])
  const seen = await distinctFirstParts(store().index('customer-time'), range)
  return seen.filter((hex) => matchesShort(hex, short))
}

/**
 * The filter as clauses, all of which a job must match; null when none can (a shortened
 * npub of no customer seen). No clause at all: every job matches.
 */
export const filterClauses = async (store: JobsStore, f: JobFilter): Promise<Clause[] | null> => {
  const until = f.receivedUntil ?? Infinity
  const around = (v: string) => IDBKeyRange.bound([v, -Infinity], [v, until])
  const clauses: Clause[] = []
  if (f.state !== undefined) clauses.push({ index: 'state-time', ranges: [around(f.state)] })
  let customers = f.customer === undefined ? undefined : [f.customer]
  if (f.customerShort !== undefined) {
    const theirs = await customersOf(store, f.customerShort)
    customers = customers === undefined ? theirs : customers.filter((c) => theirs.includes(c))
  }
  if (customers !== undefined) {
    if (customers.length === 0) return null
    clauses.push({ index: 'customer-time', ranges: customers.map(around) })
  }
  if (f.model !== undefined) clauses.push({ index: 'model-time', ranges: [around(f.model)] })
  if (clauses.length === 0 && until !== Infinity)
    clauses.push({ index: 'receivedAt', ranges: [IDBKeyRange.upperBound(until)] })
  return clauses
}

/** The clause's job ids in time order (the index orders equal times by id, and so do we). */
const clauseIds = async (store: JobsStore, clause: Clause): Promise<string[]> => {
  const index = () => store().index(clause.index)
  const [only, ...more] = clause.ranges
  if (only === undefined) return []
  if (more.length === 0) return (await request(index().getAllKeys(only))) as string[]
  const found: [number, string][] = []
  for (const range of clause.ranges)
    await eachKey(index(), range, (key, id) => {
      found.push([(key as [string, number])[1], id as string])
    })
  found.sort(([ta, a], [tb, b]) => ta - tb || (a < b ? -1 : a > b ? 1 : 0))
  return found.map(([, id]) => id)
}

/** Ids in every clause, in time order. */
export const matchingIds = async (store: JobsStore, clauses: Clause[]): Promise<string[]> => {
  const lists = await Promise.all(clauses.map((c) => clauseIds(store, c)))
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length)
  if (!shortest) return []
  const sets = rest.map((l) => new Set(l))
  return shortest.filter((id) => sets.every((s) => s.has(id)))
}

/** A single range answers from the index directly (counts and cursor skips, no id lists). */
export const singleRange = (clauses: Clause[]): [TimeIndex, IDBKeyRange] | null => {
  const [only, ...rest] = clauses
  const range = only?.ranges.length === 1 ? only.ranges[0] : undefined
  return only && range && rest.length === 0 ? [only.index, range] : null
}

/** What a set of clauses is, as a cache key. */
export const clausesKey = (clauses: Clause[]): string =>
  JSON.stringify(clauses.map((c) => [c.index, c.ranges.map((r) => [r.lower, r.upper])]))
