const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A job's time in a table cell, as short as it can be and still be read: the clock today,
 * month-day and minutes this year, the date before that. The cell's title has all of it.
 */
export const rowTime = (ms: number, now: number): string => {
  const d = new Date(ms)
  const today = new Date(now)
  if (d.toDateString() === today.toDateString())
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  if (d.getFullYear() === today.getFullYear())
    return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return `${d.getFullYear()}-${day}`
}
