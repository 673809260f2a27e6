/**
 * The bars of the unfiltered chart that can no longer change, kept between reads. Job History
 * reads the chart on every open and again each second while jobs flow, and each bar is an
 * IndexedDB count that walks its range (the whole history, bar by bar), so a bar is read once
 * it is closed and then kept.
 *
 * Closed means it ended a minute before it was read. A job is journaled as it arrives, so no
 * job is added to a closed bar later; a bar's sats change only when a job paid in it is
 * delivered, which the journal says. A write that would change a kept bar drops that bar and
 * keeps a read under way from keeping any bar of its kind; another tab's writes drop them all.
 * So a kept bar is never wrong, only read again.
 */
import type { JobRecord } from '../../shared/job-state.ts'

/** How long after its end a bar is taken as closed. */
export const SETTLE_MS = 60_000

export type BarKind = 'jobs' | 'sats'

export interface ClosedBars {
  /** The kept value of a bar, if it is kept. */
  get(kind: BarKind, start: number, size: number): number | undefined
  /**
   * A read begins at `readAt`: `keep` stores what it found for bars closed by then, unless a
   * write cleared that kind of bar since the read began.
   */
  begin(readAt: number): (kind: BarKind, start: number, size: number, value: number) => void
  /** One journal write (`before` null for a new job). */
  note(before: JobRecord | null, after: JobRecord): void
  /** Another tab wrote jobs, unseen: nothing kept can be trusted. */
  clear(): void
}

export const createClosedBars = (): ClosedBars => {
  const kept: Record<BarKind, Map<string, [start: number, size: number, value: number]>> = {
    jobs: new Map(),
    sats: new Map(),
  }
  // Bars that end before this may be kept, by a read done or under way.
  let horizon = -Infinity
  // Bumped when a bar of that kind is dropped: a read under way keeps none of that kind.
  const drops: Record<BarKind, number> = { jobs: 0, sats: 0 }
  const drop = (kind: BarKind, at: number) => {
    drops[kind]++
    for (const [key, [start, size]] of kept[kind])
      if (start <= at && at < start + size) kept[kind].delete(key)
  }
  const keyOf = (start: number, size: number) => `${size}:${start}`
  return {
    get: (kind, start, size) => kept[kind].get(keyOf(start, size))?.[2],
    begin(readAt) {
      const closedBy = readAt - SETTLE_MS
      horizon = Math.max(horizon, closedBy)
      const at = { ...drops }
      return (kind, start, size, value) => {
        if (drops[kind] !== at[kind] || start + size > closedBy) return
        kept[kind].set(keyOf(start, size), [start, size, value])
      }
    },
    clear() {
      for (const kind of ['jobs', 'sats'] as const) {
        kept[kind].clear()
        drops[kind]++
      }
    },
    note(before, after) {
      if (before === null && after.receivedAt < horizon) drop('jobs', after.receivedAt)
      // A paid job delivered: its sats join the bar of when it was paid.
      const delivered = after.state === 'completed' && before?.state !== 'completed'
      const paidAt = after.paidAt ?? Infinity
      if (delivered && after.paidMsats !== undefined && paidAt < horizon) drop('sats', paidAt)
    },
  }
}
