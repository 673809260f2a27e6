/** One figure of the benchmark, with its budget when it has one. */
export interface Budget {
  op: '<=' | '>=' | '='
  limit: number | string
}

export interface Measure {
  section: string
  name: string
  value: number | string
  unit: string
  budget?: Budget
  /** What the figure is, or why a budget does not hold. */
  note?: string
}

export type Verdict = 'pass' | 'FAIL' | ''

export const verdict = (m: Measure): Verdict => {
  const b = m.budget
  if (b === undefined) return ''
  if (b.op === '=') return m.value === b.limit ? 'pass' : 'FAIL'
  if (typeof m.value !== 'number' || typeof b.limit !== 'number' || Number.isNaN(m.value)) {
    return 'FAIL'
  }
  return (b.op === '<=' ? m.value <= b.limit : m.value >= b.limit) ? 'pass' : 'FAIL'
}

/** A collector the phases add to, so a phase that dies still leaves what it measured. */
export const createMeasures = () => {
  const list: Measure[] = []
  const details: Record<string, unknown> = {}
  return {
    add: (m: Measure) => {
      list.push(m)
    },
    detail: (key: string, value: unknown) => {
      details[key] = value
    },
    list: () => [...list],
    details: () => ({ ...details }),
    failed: () => list.filter((m) => verdict(m) === 'FAIL'),
  }
}

export type Measures = ReturnType<typeof createMeasures>

export const formatValue = (value: number | string): string => {
  if (typeof value === 'string') return value
  if (Number.isNaN(value)) return 'n/a'
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return value.toLocaleString('en', { maximumFractionDigits: digits })
}

export const formatBudget = (m: Measure): string =>
  m.budget === undefined
    ? ''
    : `${m.budget.op === '=' ? '' : `${m.budget.op} `}${formatValue(m.budget.limit)}`
