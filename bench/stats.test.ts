import { describe, expect, it } from 'vitest'
import { median, percentile, round, slope } from './stats.ts'

describe('bench statistics', () => {
  it('takes nearest-rank percentiles without sorting the input in place', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(median(samples)).toBe(5)
    expect(percentile(samples, 99)).toBe(10)
    expect(percentile(samples, 0)).toBe(1)
    expect(samples[0]).toBe(5)
    expect(percentile([], 50)).toBeNaN()
  })

  it('fits the slope of a series', () => {
    expect(slope([1, 2, 3, 4], [10, 12, 14, 16])).toBeCloseTo(2)
    expect(slope([1, 2, 3], [7, 7, 7])).toBe(0)
    expect(slope([1], [1])).toBeNaN()
    expect(round(1.26, 1)).toBe(1.3)
  })
})
