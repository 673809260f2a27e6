import { describe, expect, it } from 'vitest'
import { readSetupLink } from './setup-link.ts'

describe('readSetupLink', () => {
  it('reads relays separated by commas or newlines, one per line, and the Ollama URL', () => {
    const search = `?relays=${encodeURIComponent('ws://127.0.0.1:7000, wss://a.example\nwss://b.example')}&ollama=http://127.0.0.1:11434`
    expect(readSetupLink(search)).toEqual({
      relays: 'ws://127.0.0.1:7000\nwss://a.example\nwss://b.example',
      ollamaUrl: 'http://127.0.0.1:11434',
    })
  })

  it('takes either parameter alone, and nothing from an ordinary URL', () => {
    expect(readSetupLink('?ollama=http://x:1')).toEqual({ ollamaUrl: 'http://x:1' })
    expect(readSetupLink('?relays=wss://a.example')).toEqual({ relays: 'wss://a.example' })
    expect(readSetupLink('?utm=1')).toBeNull()
  })
})
