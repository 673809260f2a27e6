import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from './settings.ts'
import { appliesSilently, isOnThisMachine, reviewSetupLink } from './setup-link.ts'

describe('isOnThisMachine', () => {
  it.each([
    ['http://localhost:11434', true],
    ['http://ollama.localhost:11434', true],
    ['http://127.0.0.1:11434', true],
    ['http://127.8.9.10:1', true],
    ['http://[::1]:11434', true],
    ['http://0.0.0.0:11434', true],
    ['http://192.168.1.20:11434', false],
    ['http://10.0.0.2:11434', false],
    ['https://ollama.example.com', false],
    ['http://localhost.attacker.example', false],
    ['http://127.0.0.1.attacker.example', false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => expect(isOnThisMachine(url)).toBe(expected))
})

describe('reviewSetupLink', () => {
  const before = {
    ...DEFAULT_SETTINGS,
    relays: ['wss://a.example'],
    ollamaUrl: 'http://localhost:11434',
  }

  it('names each change old beside new, and warns about an Ollama elsewhere', () => {
    const review = reviewSetupLink(before, {
      ...before,
      relays: ['wss://evil.example'],
      ollamaUrl: 'http://203.0.113.7:11434',
    })
    expect(review.changes).toEqual([
      { setting: 'Relays', before: ['wss://a.example'], after: ['wss://evil.example'] },
      {
        setting: 'Ollama URL',
        before: ['http://localhost:11434'],
        after: ['http://203.0.113.7:11434'],
      },
    ])
    expect(review.warnings).toHaveLength(1)
    expect(review.warnings[0]).toMatch(/^http:\/\/203\.0\.113\.7:11434 is not on this computer/)
  })

  it('has nothing to say about a link that changes nothing', () => {
    expect(reviewSetupLink(before, { ...before })).toEqual({ changes: [], warnings: [] })
  })

  it('applies by itself only on a first run with nothing to warn about', () => {
    const local = reviewSetupLink(before, { ...before, ollamaUrl: 'http://127.0.0.1:9' })
    const remote = reviewSetupLink(before, { ...before, ollamaUrl: 'http://10.0.0.2:9' })
    expect(appliesSilently(local, false)).toBe(true)
    expect(appliesSilently(local, true)).toBe(false)
    expect(appliesSilently(remote, false)).toBe(false)
  })
})
