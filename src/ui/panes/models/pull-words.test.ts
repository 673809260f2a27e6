import { describe, expect, it } from 'vitest'
import type { PullEvent } from '../../../shared/worker-api.ts'
import { pullPercent, pullWords } from './pull-words.ts'

const pull = (patch: Partial<PullEvent>): PullEvent => ({
  type: 'pull',
  name: 'smollm2:135m',
  status: 'starting',
  ...patch,
})

describe('pullWords', () => {
  it('says each step in words, and the download in bytes and percent', () => {
    expect(pullWords(pull({}))).toBe('Starting…')
    expect(pullWords(pull({ status: 'pulling manifest' }))).toBe('Reading the manifest…')
    const downloading = pull({
      status: 'pulling 6a0746a1ec1a',
      completed: 135_000_000,
      total: 270_000_000,
    })
    expect(pullWords(downloading)).toBe('Downloading 135 MB of 270 MB (50%)')
    expect(pullWords(pull({ status: 'verifying sha256 digest', completed: 1, total: 1 }))).toBe(
      'Verifying the download…',
    )
    expect(pullWords(pull({ status: 'something new' }))).toBe('something new')
  })

  it('says how a pull ended', () => {
    expect(pullWords(pull({ status: 'success', done: true }))).toBe('smollm2:135m is installed')
    expect(pullWords(pull({ status: 'cancelled', done: true, error: 'cancelled' }))).toBe(
      'Pull of smollm2:135m cancelled',
    )
    expect(pullWords(pull({ status: 'failed', done: true, error: 'file does not exist' }))).toBe(
      'Pull of smollm2:135m failed: file does not exist',
    )
  })
})

describe('pullPercent', () => {
  it('is undefined until the size is known, and never above 100', () => {
    expect(pullPercent(pull({}))).toBeUndefined()
    expect(pullPercent(pull({ completed: 0, total: 0 }))).toBeUndefined()
    expect(pullPercent(pull({ completed: 1, total: 3 }))).toBe(33)
    expect(pullPercent(pull({ completed: 5, total: 3 }))).toBe(100)
  })
})
