import { describe, expect, it } from 'vitest'
import type { LogEntry, LogLevel } from '../../../shared/worker-api.ts'
import { arrivedSince, filterLog, logLines } from './log-view.ts'

const at = new Date(2026, 0, 2, 9, 8, 7).getTime()
const entry = (seq: number, level: LogLevel, message: string): LogEntry => ({
  seq,
  at,
  level,
  message,
})
const log = [
  entry(1, 'debug', 'wss://a: dropped an event'),
  entry(2, 'info', 'online on 1 relay(s)'),
  entry(3, 'warn', 'wss://a: connection closed'),
  entry(4, 'error', 'job 1234: result not accepted'),
]

describe('filterLog', () => {
  it('keeps entries at or above the level', () => {
    expect(filterLog(log, { min: 'debug', text: '' })).toEqual(log)
    expect(filterLog(log, { min: 'warn', text: '' }).map((e) => e.seq)).toEqual([3, 4])
  })

  it('keeps entries containing the text, ignoring case and blanks around it', () => {
    expect(filterLog(log, { min: 'debug', text: '  WSS://A ' }).map((e) => e.seq)).toEqual([1, 3])
    expect(filterLog(log, { min: 'info', text: 'wss://a' }).map((e) => e.seq)).toEqual([3])
    expect(filterLog(log, { min: 'debug', text: 'nothing like it' })).toEqual([])
  })
})

describe('logLines', () => {
  it('writes one line per entry: time, level, message', () => {
    expect(logLines(log.slice(1, 3))).toBe(
      '09:08:07 INFO online on 1 relay(s)\n09:08:07 WARN wss://a: connection closed',
    )
    expect(logLines([])).toBe('')
  })
})

describe('arrivedSince', () => {
  it('counts lines after a sequence number, even past what is kept', () => {
    expect(arrivedSince(log, 2)).toBe(2)
    expect(arrivedSince(log, 4)).toBe(0)
    expect(arrivedSince([entry(2000, 'info', 'x')], 4)).toBe(1996)
    expect(arrivedSince([], 4)).toBe(0)
  })
})
