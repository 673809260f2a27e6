import { describe, expect, it } from 'vitest'
import { formatBytes, formatSats, shorten } from './format.ts'

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
