/**
 * `npm audit` of the production dependencies for CI: fails on any high or critical advisory
 * and names each one. A registry that cannot answer audit queries (some mirrors allow only
 * GET) is said loudly, not taken for a clean bill.
 *
 *   npx tsx scripts/audit.ts
 */
import { spawnSync } from 'node:child_process'

interface Advisory {
  name: string
  severity: string
  via: (string | { title?: string; url?: string })[]
}

interface AuditReport {
  vulnerabilities?: Record<string, Advisory>
  metadata?: { vulnerabilities?: Record<string, number> }
  message?: string
  error?: unknown
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
let report: AuditReport
try {
  report = JSON.parse(run.stdout) as AuditReport
} catch {
  console.error(`npm audit printed no report (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}

const counts = report.metadata?.vulnerabilities
if (counts === undefined) {
  console.warn(
    `WARNING: npm audit could not ask the registry (${report.message ?? 'no answer'}). ` +
      'Production dependencies were NOT checked for advisories in this run.',
  )
  process.exit(0)
}

const serious = Object.values(report.vulnerabilities ?? {}).filter((v) =>
  ['high', 'critical'].includes(v.severity),
)
for (const v of serious) {
  const why = v.via.map((x) => (typeof x === 'string' ? `via ${x}` : `${x.title} ${x.url}`))
  console.error(`${v.severity}: ${v.name}: ${why.join('; ')}`)
}
const summary = Object.entries(counts)
  .filter(([k]) => k !== 'total')
  .map(([k, n]) => `${n} ${k}`)
  .join(', ')
console.log(`npm audit (production dependencies): ${summary}`)
process.exit(serious.length > 0 ? 1 : 0)
