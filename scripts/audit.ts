/**
 * `npm audit` of the production dependencies for CI: fails on any high or critical advisory
 * and names each one. A registry that cannot answer audit queries (some mirrors allow only
 * GET) fails the run too, unless the run says that was expected:
 *
 *   npx tsx scripts/audit.ts [--registry-unreachable-expected]
 */
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { judgeAudit, type AuditReport } from './audit-verdict.ts'

const { values } = parseArgs({
  options: { 'registry-unreachable-expected': { type: 'boolean', default: false } },
})

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

const verdict = judgeAudit(report, {
  unreachableExpected: values['registry-unreachable-expected'] === true,
})
for (const line of verdict.lines) (verdict.exitCode === 0 ? console.warn : console.error)(line)
process.exit(verdict.exitCode)
