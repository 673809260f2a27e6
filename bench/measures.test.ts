import { describe, expect, it } from 'vitest'
import { formatBudget, formatValue, verdict, type Measure } from './measures.ts'

const m = (value: number | string, budget?: Measure['budget']): Measure => ({
  section: 's',
  name: 'n',
  value,
  unit: 'ms',
  ...(budget ? { budget } : {}),
})

describe('bench measures', () => {
  it('passes a figure only when it is inside its budget', () => {
    expect(verdict(m(100, { op: '<=', limit: 150 }))).toBe('pass')
    expect(verdict(m(151, { op: '<=', limit: 150 }))).toBe('FAIL')
    expect(verdict(m(499, { op: '>=', limit: 500 }))).toBe('FAIL')
    expect(verdict(m(Number.NaN, { op: '>=', limit: 0 }))).toBe('FAIL')
    expect(verdict(m('no', { op: '=', limit: 'no' }))).toBe('pass')
    expect(verdict(m('yes', { op: '=', limit: 'no' }))).toBe('FAIL')
    expect(verdict(m(3))).toBe('')
  })

  it('formats values and budgets for the table', () => {
    expect(formatValue(1234.5)).toBe('1,235')
    expect(formatValue(12.34)).toBe('12.3')
    expect(formatValue(0.98765)).toBe('0.988')
    expect(formatBudget(m(1, { op: '<=', limit: 120 }))).toBe('<= 120')
  })
})
