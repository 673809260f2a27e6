import { describe, expect, it } from 'vitest'
import { formatAgo, formatBytes, formatSats, shorten } from './format.ts'

describe('format', () => {
  it('shortens long ids and leaves short ones alone', () => {
    expect(shorten('npub1abcdefghijklmnop', 8, 4)).toBe('npub1abc…mnop')
    expect(shorten('a'.repeat(64), 8, 0)).toBe('aaaaaaaa…')
    expect(shorten('short', 8, 4)).toBe('short')
  })

  it('shows sizes as ollama list does', () => {
    expect(formatBytes(815_319_791)).toBe('815 MB')
    expect(formatBytes(4_683_087_332)).toBe('4.7 GB')
    expect(formatBytes(512)).toBe('512 B')
  })

  it('shows msats as sats', () => {
    expect(formatSats(21_000)).toBe('21')
    expect(formatSats(1_500)).toBe('1.5')
  })
})

describe('formatAgo', () => {
  const now = new Date(2026, 11, 2, 14, 0, 0).getTime()
  it('says how long ago in round words, then the clock time', () => {
    expect(formatAgo(now - 5_000, now)).toBe('just now')
    expect(formatAgo(now + 5_000, now)).toBe('just now')
    expect(formatAgo(now - 2 * 60_000 - 5_000, now)).toBe('2 min ago')
    expect(formatAgo(now - 3 * 3600_000, now)).toBe('3 h ago')
    expect(formatAgo(now - 7 * 3600_000, now)).toBe('at 07:00:00')
  })
})
