import { describe, expect, it } from 'vitest'
import { rowTime } from './row-time.ts'

const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
  new Date(y, m - 1, d, h, min, s).getTime()
const now = at(2026, 11, 25, 15, 0)

describe('a job time in the table', () => {
  it('is the clock time today', () => {
    expect(rowTime(at(2026, 11, 25, 9, 5, 7), now)).toBe('09:05:07')
  })

  it('is month-day and minutes earlier this year', () => {
    expect(rowTime(at(2026, 3, 4, 18, 30, 59), now)).toBe('03-04 18:30')
  })

  it('is the date in other years', () => {
    expect(rowTime(at(2025, 12, 31, 23, 59), now)).toBe('2025-12-31')
  })
})
