/**
 * The job table is one Tab stop: one row at a time can take the focus, and keys move it.
 * This is where a key moves it to (a pure function; the table scrolls and focuses).
 */
export const ROVING_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'] as const

/**
 * The row the focus moves to from `current` for `key`, among `total` rows, `page` of which
 * fit on screen; null when the key does not move it (leave it to the browser).
 */
export const rovingRow = (
  current: number,
  key: string,
  total: number,
  page: number,
): number | null => {
  if (total <= 0) return null
  const last = total - 1
  const clamp = (n: number) => Math.min(last, Math.max(0, n))
  const step = Math.max(1, page - 1)
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1)
    case 'ArrowUp':
      return clamp(current - 1)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'PageDown':
      return clamp(current + step)
    case 'PageUp':
      return clamp(current - step)
    default:
      return null
  }
}

/**
 * The row that holds the table's one Tab stop: the active one when it is drawn, else the
 * first drawn (rows out of view are not in the page, and the table must stay reachable).
 */
export const tabStopRow = (active: number, drawn: readonly number[]): number | undefined =>
  drawn.includes(active) ? active : drawn[0]
