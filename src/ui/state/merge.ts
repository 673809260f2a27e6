import type { LogEntry } from '../../shared/worker-api.ts'

export const LOG_CAP = 1000

/** Entries in seq order, each once, the newest `cap` kept. */
export const mergeLog = (
  log: readonly LogEntry[],
  incoming: readonly LogEntry[],
  cap = LOG_CAP,
): LogEntry[] => {
  const last = log.at(-1)
  // The common case: one new entry after the last one.
  if (
    incoming.every((e, i) => e.seq > (i === 0 ? (last?.seq ?? -Infinity) : incoming[i - 1]!.seq))
  ) {
    return [...log, ...incoming].slice(-cap)
  }
  const bySeq = new Map<number, LogEntry>()
  for (const e of log) bySeq.set(e.seq, e)
  for (const e of incoming) bySeq.set(e.seq, e)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-cap)
}
