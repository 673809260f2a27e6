import { describe, expect, it } from 'vitest'
import { addressSpaceOf, allowedByDefault, blockedAdvice, unreachableFix } from './origins.ts'

describe('allowedByDefault: what a stock Ollama lets call it without OLLAMA_ORIGINS', () => {
  it.each([
    'http://127.0.0.1:4173',
    'http://localhost:5173',
    'https://localhost',
    'http://0.0.0.0:8080',
    'app://sell-compute',
  ])('%s is allowed', (origin) => expect(allowedByDefault(origin)).toBe(true))

  it.each(['https://sell.example.org', 'http://studio.local:4173', 'http://192.168.1.5:4173'])(
    '%s needs OLLAMA_ORIGINS',
    (origin) => expect(allowedByDefault(origin)).toBe(false),
  )
})

describe('addressSpaceOf: the targetAddressSpace a request to Ollama carries', () => {
  it.each([
    ['http://localhost:11434', 'loopback'],
    ['http://127.0.0.1:11434', 'loopback'],
    ['http://[::1]:11434', 'loopback'],
    ['http://192.168.1.20:11434', 'local'],
    ['http://10.0.0.7:11434', 'local'],
    ['http://172.20.1.1:11434', 'local'],
    ['http://studio.local:11434', 'local'],
    ['https://ollama.example.org', undefined],
    ['http://172.40.1.1:11434', undefined],
  ])('%s is %s', (url, space) => expect(addressSpaceOf(url)).toBe(space))
})

describe('blockedAdvice', () => {
  it('a hosted page: names its real origin in OLLAMA_ORIGINS, and the local network prompt', () => {
    const { reason, fix } = blockedAdvice('https://sell.example.org', 'http://localhost:11434')
    expect(reason).toContain('(https://sell.example.org)')
    expect(fix).toContain('OLLAMA_ORIGINS=https://sell.example.org ollama serve')
    expect(fix).toContain('launchctl setenv OLLAMA_ORIGINS "https://sell.example.org"')
    expect(fix).toMatch(/local network.*Allow/)
  })

  it('a local page: says Ollama allows it by default, so something else refused it', () => {
    const { fix } = blockedAdvice('http://127.0.0.1:4173', 'http://127.0.0.1:11434')
    expect(fix).toMatch(
      /^Ollama allows pages on localhost, 127.0.0.1 and 0.0.0.0 \(any port\) by default/,
    )
    expect(fix).toContain('a proxy in front of Ollama')
    expect(fix).not.toMatch(/local network/)
  })
})

describe('unreachableFix', () => {
  it('from a hosted https page to a LAN Ollama: the prompt, what to do after a denial, mixed content', () => {
    const fix = unreachableFix('https://sell.example.org', 'http://192.168.1.20:11434')
    expect(fix).toContain('Start Ollama')
    expect(fix).toContain('set Local network access to Allow, and reload')
    expect(fix).toContain('https page call http://')
  })

  it('from a local page: only start Ollama or fix the URL', () => {
    expect(unreachableFix('http://127.0.0.1:4173', 'http://127.0.0.1:11434')).toBe(
      'Start Ollama (ollama serve), or correct the Ollama URL in Settings (now http://127.0.0.1:11434).',
    )
  })
})
