/**
 * What an `npm audit --json` report means for CI. A run where the registry answered nothing
 * is not a clean bill: it fails, unless the run said beforehand that the registry was expected
 * to be unreachable (this machine's mirror refuses audit queries with 405).
 */

export interface Advisory {
  name: string
  severity: string
  via: (string | { title?: string; url?: string })[]
}

export interface AuditReport {
  vulnerabilities?: Record<string, Advisory>
  metadata?: { vulnerabilities?: Record<string, number> }
  message?: string
  statusCode?: number
}

export interface AuditVerdict {
  exitCode: 0 | 1
  /** What to print, errors first. */
  lines: string[]
}

export const judgeAudit = (
  report: AuditReport,
  o: { unreachableExpected: boolean },
): AuditVerdict => {
  const counts = report.metadata?.vulnerabilities
  if (counts === undefined) {
    const why = report.message ?? 'no answer'
    const notChecked = 'Production dependencies were NOT checked for advisories in this run.'
    return o.unreachableExpected
      ? {
          exitCode: 0,
          lines: [
            `WARNING: npm audit could not ask the registry (${why}). ${notChecked} ` +
              'Passing only because this run said the registry was expected to be unreachable.',
          ],
        }
      : {
          exitCode: 1,
          lines: [
            `npm audit could not ask the registry (${why}). ${notChecked} If this registry ` +
              'cannot answer audit queries, say so: --registry-unreachable-expected.',
          ],
        }
  }
  const serious = Object.values(report.vulnerabilities ?? {}).filter((v) =>
    ['high', 'critical'].includes(v.severity),
  )
  const lines = serious.map((v) => {
    const why = v.via.map((x) => (typeof x === 'string' ? `via ${x}` : `${x.title} ${x.url}`))
    return `${v.severity}: ${v.name}: ${why.join('; ')}`
  })
  const summary = Object.entries(counts)
    .filter(([k]) => k !== 'total')
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')
  lines.push(`npm audit (production dependencies): ${summary}`)
  return { exitCode: serious.length > 0 ? 1 : 0, lines }
}
