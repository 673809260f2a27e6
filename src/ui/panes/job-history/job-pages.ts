/**
 * The rows Job History has fetched, by page: only the pages near what is on screen are
 * asked for and kept, so scrolling 100,000 jobs never holds more than a few thousand.
 */
import type { JobRecord } from '../../../shared/job-state.ts'
import { errorText } from '../../../shared/result.ts'
import type { JobPage } from '../../../shared/worker-api.ts'

export interface JobPagesOptions {
  fetchPage: (offset: number, limit: number) => Promise<JobPage>
  pageSize?: number
  /** Pages kept beyond those wanted now; the farthest from view go first. */
  keepPages?: number
}

export interface JobPages {
  /** How many jobs match; null until the first page has answered. */
  total(): number | null
  jobAt(index: number): JobRecord | undefined
  /** Rows first..last are on screen (or about to be): fetch their pages if missing. */
  want(first: number, last: number): void
  /** The history changed: fetch what is on screen again, keeping it shown meanwhile. */
  refresh(): void
  error(): string | null
  /** Changes whenever anything above does (for useSyncExternalStore). */
  version(): number
  subscribe(listener: () => void): () => void
}

interface Loaded {
  jobs: JobRecord[]
  /** The refresh this page was fetched in; older ones are fetched again when wanted. */
  epoch: number
}

export const createJobPages = ({
  fetchPage,
  pageSize = 100,
  keepPages = 30,
}: JobPagesOptions): JobPages => {
  const pages = new Map<number, Loaded>()
  const inFlight = new Map<number, number>()
  const listeners = new Set<() => void>()
  let total: number | null = null
  let totalEpoch = -1
  let error: string | null = null
  let epoch = 0
  let version = 0
  let wanted = { first: 0, last: 0 }

  const changed = () => {
    version++
    for (const l of listeners) l()
  }

  const distance = (page: number) =>
    page < wanted.first ? wanted.first - page : page > wanted.last ? page - wanted.last : 0

  const evict = () => {
    if (pages.size <= wanted.last - wanted.first + 1 + keepPages) return
    const farthest = [...pages.keys()].sort((a, b) => distance(b) - distance(a))
    for (const page of farthest) {
      if (pages.size <= wanted.last - wanted.first + 1 + keepPages || distance(page) === 0) break
      pages.delete(page)
    }
  }

  const load = (page: number) => {
    const at = epoch
    if ((pages.get(page)?.epoch ?? -1) >= at || (inFlight.get(page) ?? -1) >= at) return
    inFlight.set(page, at)
    fetchPage(page * pageSize, pageSize).then(
      (answer) => {
        if (inFlight.get(page) === at) inFlight.delete(page)
        if ((pages.get(page)?.epoch ?? -1) > at) return
        pages.set(page, { jobs: answer.jobs, epoch: at })
        if (at >= totalEpoch) {
          total = answer.total
          totalEpoch = at
        }
        error = null
        evict()
        changed()
      },
      (e: unknown) => {
        if (inFlight.get(page) === at) inFlight.delete(page)
        error = `The history could not be read: ${errorText(e)}`
        changed()
      },
    )
  }

  const loadWanted = () => {
    // Until the first answer says how many there are, only the first page wanted is asked for.
    const last = total === null ? wanted.first : wanted.last
    for (let page = wanted.first; page <= last; page++) load(page)
  }

  return {
    total: () => total,
    jobAt(index) {
      return pages.get(Math.floor(index / pageSize))?.jobs[index % pageSize]
    },
    want(first, last) {
      const from = Math.floor(Math.max(0, first) / pageSize)
      const to = Math.max(from, Math.floor(Math.max(0, last) / pageSize))
      wanted = { first: from, last: to }
      loadWanted()
    },
    refresh() {
      epoch++
      loadWanted()
    },
    error: () => error,
    version: () => version,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
