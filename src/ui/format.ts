/** Display helpers: short ids, sizes, times and amounts, in the user's words. */

export const shorten = (text: string, head = 8, tail = 4): string =>
  text.length <= head + tail + 1
    ? text
    : `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** Decimal units, as `ollama list` shows them. */
export const formatBytes = (bytes: number): string => {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`
}

const pad = (n: number) => String(n).padStart(2, '0')

export const formatClock = (ms: number): string => {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** The clock time today, with the date on earlier days. */
export const formatWhen = (ms: number, now: number): string => {
  const d = new Date(ms)
  if (d.toDateString() === new Date(now).toDateString()) return formatClock(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`
}

export const formatCount = (n: number): string => n.toLocaleString('en')

/** Whole sats, with the msats only when there are some. */
export const formatSats = (msats: number): string =>
  (msats / 1000).toLocaleString('en', { maximumFractionDigits: 3 })

export const secondsUntil = (at: number, now: number): number =>
  Math.max(0, Math.ceil((at - now) / 1000))

export const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`

/** How long ago, in round words: "just now", "4 min ago", "2 h ago", then the clock time. */
export const formatAgo = (at: number, now: number): string => {
  const s = Math.max(0, Math.round((now - at) / 1000))
  if (s < 60) return 'just now'
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 6 * 3600) return `${Math.floor(s / 3600)} h ago`
  return `at ${formatWhen(at, now)}`
}
