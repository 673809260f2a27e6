import { describe, expect, it } from 'vitest'
import type { PullEvent } from '../../../shared/worker-api.ts'
import { pullFailure, pullPercent, pullResultWords, pullWords } from './pull-words.ts'

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
    expect(pullWords(pull({ status: 'failed', done: true, error: 'out of cheese' }))).toBe(
      'Pull of smollm2:135m failed: out of cheese',
    )
  })
})

describe('pullFailure', () => {
  it.each([
    ['pull model manifest: file does not exist', 'no such model in the Ollama library'],
    [
      'pull model manifest: 412: The model you are attempting to pull requires a newer version of Ollama.',
      'this model needs a newer Ollama',
    ],
    ['write /root/.ollama/models/blobs/sha256-x: no space left on device', 'the disk Ollama keeps'],
    [
      'pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/latest": dial tcp: lookup registry.ollama.ai: no such host',
      'Ollama could not reach the model library',
    ],
    ['invalid model name', 'Ollama does not take that name'],
  ])('says "%s" in words, then Ollama\'s own', (error, words) => {
    const said = pullFailure(error)
    expect(said.startsWith(words)).toBe(true)
    expect(said.endsWith(`(Ollama said: ${error})`)).toBe(true)
  })

  it('passes on what it does not know as Ollama said it', () => {
    expect(pullFailure('Ollama sent no progress for 60 s')).toBe('Ollama sent no progress for 60 s')
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

describe('pullResultWords', () => {
  it("reads the engine's answer as the pull's own event does", () => {
    const error = 'pull model manifest: file does not exist'
    const ended = pull({ name: 'nope', status: 'failed', done: true, error })
    expect(pullResultWords('nope', `Pull of nope failed: ${error}`)).toBe(pullWords(ended))
    expect(pullResultWords('nope', 'nope is already being pulled')).toBe(
      'nope is already being pulled',
    )
  })
})
