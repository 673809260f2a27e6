import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../shared/worker-api.ts'
import { mergeLog } from './merge.ts'

const entry = (seq: number): LogEntry => ({ seq, at: seq, level: 'info', message: `m${seq}` })

describe('mergeLog', () => {
  it('appends in order and keeps only the newest entries', () => {
    const log = [entry(1), entry(2)]
    expect(mergeLog(log, [entry(3)], 2).map((e) => e.seq)).toEqual([2, 3])
  })

  it('dedupes and sorts entries that overlap or arrive out of order', () => {
    const merged = mergeLog([entry(1), entry(3)], [entry(2), entry(3), entry(4)])
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3, 4])
  })
})
