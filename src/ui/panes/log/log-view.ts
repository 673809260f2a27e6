/** What the Log pane shows: entries at or above a level that contain a text, as copyable lines. */
import type { LogEntry, LogLevel } from '../../../shared/worker-api.ts'
import { formatClock } from '../../format.ts'

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export interface LogFilter {
  min: LogLevel
  /** Matched case-insensitively anywhere in the message; blank matches all. */
  text: string
}

export const filterLog = (entries: readonly LogEntry[], f: LogFilter): LogEntry[] => {
  const needle = f.text.trim().toLowerCase()
  return entries.filter(
    (e) =>
      RANK[e.level] >= RANK[f.min] && (needle === '' || e.message.toLowerCase().includes(needle)),
  )
}

/** One line per entry, as a person would paste it into an issue. */
export const logLines = (entries: readonly LogEntry[]): string =>
  entries.map((e) => `${formatClock(e.at)} ${e.level.toUpperCase()} ${e.message}`).join('\n')

/**
 * Lines logged after `seq`. Sequence numbers have no gaps, so this stays right even when more
 * arrived than the UI keeps.
 */
export const arrivedSince = (entries: readonly LogEntry[], seq: number): number =>
  Math.max(0, (entries.at(-1)?.seq ?? seq) - seq)
