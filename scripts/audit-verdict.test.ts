import { describe, expect, it } from 'vitest'
import { judgeAudit } from './audit-verdict.ts'

// What npm prints when the registry refuses the audit endpoint, as this machine's does.
const REFUSED = {
  message:
    '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
}

describe('judgeAudit', () => {
  it('fails a run in which no audit could be done', () => {
    const verdict = judgeAudit(REFUSED, { unreachableExpected: false })
    expect(verdict.exitCode).toBe(1)
    expect(verdict.lines.join('\n')).toMatch(/NOT checked.*--registry-unreachable-expected/s)
  })

  it('passes it, loudly, only when the run said the registry was expected to be unreachable', () => {
    const verdict = judgeAudit(REFUSED, { unreachableExpected: true })
    expect(verdict.exitCode).toBe(0)
    expect(verdict.lines.join('\n')).toMatch(/^WARNING: .*405 Method Not Allowed.*NOT checked/s)
  })

  it('fails on a high or critical advisory, naming it, whatever was expected', () => {
    const report = {
      vulnerabilities: {
        lib: { name: 'lib', severity: 'high', via: [{ title: 'Bad', url: 'https://x/1' }] },
        meh: { name: 'meh', severity: 'low', via: ['lib'] },
      },
      metadata: { vulnerabilities: { low: 1, high: 1, critical: 0, total: 2 } },
    }
    const verdict = judgeAudit(report, { unreachableExpected: true })
    expect(verdict.exitCode).toBe(1)
    expect(verdict.lines).toEqual([
      'high: lib: Bad https://x/1',
      'npm audit (production dependencies): 1 low, 1 high, 0 critical',
    ])
  })

  it('passes a clean audit', () => {
    const clean = { metadata: { vulnerabilities: { low: 0, high: 0, total: 0 } } }
    expect(judgeAudit(clean, { unreachableExpected: false }).exitCode).toBe(0)
  })
})
