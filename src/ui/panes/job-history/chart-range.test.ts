import { describe, expect, it } from 'vitest'
import { bucketLabel, chartRange } from './chart-range.ts'

const at = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime()

describe('the chart range', () => {
  it('uses hours for a short history, starting on the hour', () => {
    const r = chartRange(at(2026, 3, 3, 9, 41), at(2026, 3, 4, 8))
    expect(r).toMatchObject({ from: at(2026, 3, 3, 9), bucketMs: 3_600_000, unit: 'hour' })
    expect(bucketLabel(r.from, r.unit)).toBe('2026-03-03 09:00')
  })

  it('uses days from local midnight for weeks of history', () => {
    const r = chartRange(at(2026, 3, 3, 9, 41), at(2026, 4, 20))
    expect(r).toMatchObject({ from: at(2026, 3, 3), unit: 'day' })
  })

  it('uses weeks starting on Monday for a long history', () => {
    // 2026-03-05 is a Thursday.
    const r = chartRange(at(2026, 3, 5, 12), at(2027, 1, 1))
    expect(r.unit).toBe('week')
    expect(r.from).toBe(at(2026, 3, 2))
    expect(bucketLabel(r.from, r.unit)).toBe('week of 2026-03-02')
  })
})
