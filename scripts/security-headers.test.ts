import { describe, expect, it } from 'vitest'
import {
  ENGINE_CSP,
  HEADER_RULES,
  META_CSP,
  PAGE_CSP,
  SERVICE_WORKER_CSP,
  headersFile,
  headersFor,
  parseHeadersFile,
} from './security-headers.ts'

const CSP = 'Content-Security-Policy'

describe('security headers', () => {
  it('give the page, the engine worker and the service worker each one policy of its own', () => {
    const rules = parseHeadersFile(headersFile(HEADER_RULES))
    expect(rules).toEqual(HEADER_RULES)
    expect(headersFor(rules, '/')[CSP]).toBe(PAGE_CSP)
    expect(headersFor(rules, '/index.html')[CSP]).toBe(PAGE_CSP)
    expect(headersFor(rules, '/assets/engine-DxzgRRX8.js')[CSP]).toBe(ENGINE_CSP)
    expect(headersFor(rules, '/sw.js')[CSP]).toBe(SERVICE_WORKER_CSP)
    // Chunks get no policy of their own: whoever imports them decides what runs.
    expect(headersFor(rules, '/assets/spark-abc.js')[CSP]).toBeUndefined()
    expect(headersFor(rules, '/assets/engine-x.css')[CSP]).toBeUndefined()
    for (const path of ['/', '/assets/engine-x.js', '/icon-192.png'])
      expect(headersFor(rules, path)['X-Frame-Options']).toBe('DENY')
  })

  it('keep WebAssembly to the engine worker, where the Spark SDK runs, and framing to no one', () => {
    expect(PAGE_CSP).not.toContain('wasm-unsafe-eval')
    expect(SERVICE_WORKER_CSP).not.toContain('wasm-unsafe-eval')
    expect(ENGINE_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(PAGE_CSP).toContain("frame-ancestors 'none'")
    // Browsers ignore frame-ancestors in a <meta> and warn about it.
    expect(META_CSP).not.toContain('frame-ancestors')
  })

  it('reads a _headers file as static hosts do: comments, repeats joined', () => {
    const rules = parseHeadersFile('# ours\n/*\n  A: 1\n/x/*\n  A: 2\n  B: 3\n')
    expect(headersFor(rules, '/x/y')).toEqual({ A: '1, 2', B: '3' })
    expect(headersFor(rules, '/z')).toEqual({ A: '1' })
  })
})
