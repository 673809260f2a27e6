import { describe, expect, it } from 'vitest'
import { rovingRow, tabStopRow } from './roving-row.ts'

describe('moving the focus between job rows', () => {
  it('steps with the arrows, stopping at either end', () => {
    expect(rovingRow(3, 'ArrowDown', 10, 5)).toBe(4)
    expect(rovingRow(3, 'ArrowUp', 10, 5)).toBe(2)
    expect(rovingRow(9, 'ArrowDown', 10, 5)).toBe(9)
    expect(rovingRow(0, 'ArrowUp', 10, 5)).toBe(0)
  })

  it('jumps to the first and last rows, and by a screenful', () => {
    expect(rovingRow(4, 'Home', 100_000, 20)).toBe(0)
    expect(rovingRow(4, 'End', 100_000, 20)).toBe(99_999)
    expect(rovingRow(4, 'PageDown', 100, 20)).toBe(23)
    expect(rovingRow(4, 'PageUp', 100, 20)).toBe(0)
    expect(rovingRow(95, 'PageDown', 100, 20)).toBe(99)
  })

  it('leaves other keys (Tab, Enter, letters) and an empty table alone', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'ArrowLeft'])
      expect(rovingRow(2, key, 10, 5)).toBe(null)
    expect(rovingRow(0, 'ArrowDown', 0, 5)).toBe(null)
  })

  it('keeps one Tab stop even when the active row has scrolled out of the page', () => {
    expect(tabStopRow(7, [5, 6, 7, 8])).toBe(7)
    expect(tabStopRow(70, [5, 6, 7, 8])).toBe(5)
    expect(tabStopRow(0, [])).toBe(undefined)
  })
})
