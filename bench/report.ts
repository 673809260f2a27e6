/** The table: printed, written to bench/results.json, and kept in BENCHMARKS.md. */
import { execSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, release, totalmem } from 'node:os'
import { format, resolveConfig } from 'prettier'
import { formatBudget, formatValue, verdict, type Measure } from './measures.ts'

export interface Machine {
  cpus: number
  cpuModel: string
  memoryGiB: number
  os: string
  node: string
  chromium: string
  /** 1-minute load average before and after the run. */
  load: [number, number]
}

export const describeMachine = (chromium: string, load: [number, number]): Machine => {
  let os = `Linux ${release()}`
  try {
    const pretty = /PRETTY_NAME="([^"]+)"/.exec(execSync('cat /etc/os-release').toString())?.[1]
    if (pretty) os = `${pretty}, kernel ${release()}`
  } catch {
    // Not Linux, or no os-release: the kernel release will do.
  }
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os,
    node: process.version,
    chromium,
    load: [Math.round(load[0] * 100) / 100, Math.round(load[1] * 100) / 100],
  }
}

/** The Result cell: a budget that is only reported, not enforced, never reads as a failure. */
export type ResultLabel = (m: Measure) => string

const byVerdict: ResultLabel = (m) => verdict(m)

const rowsOf = (measures: Measure[], label: ResultLabel) =>
  measures.map((m) => [
    m.section,
    m.name,
    `${formatValue(m.value)}${m.unit ? ` ${m.unit}` : ''}`,
    formatBudget(m),
    label(m),
  ])

const HEADER = ['Section', 'Measure', 'Value', 'Budget', 'Result']

export const textTable = (measures: Measure[], label = byVerdict): string => {
  const rows = [HEADER, ...rowsOf(measures, label)]
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .join('\n')
    .trimEnd()
}

export const markdownTable = (measures: Measure[]): string => {
  const cell = (c: string) => c.replace(/\|/g, '\\|')
  const rows = rowsOf(measures, byVerdict).map((r) => `| ${r.map(cell).join(' | ')} |`)
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => ' --- ').join('|')}|`, ...rows].join(
    '\n',
  )
}

/** Written as the project's prettier would, so `prettier --check .` stays clean. */
const pretty = async (path: string, text: string) =>
  format(text, { ...((await resolveConfig(path)) ?? {}), filepath: path })

export const writeResults = async (path: string, results: object): Promise<void> => {
  await writeFile(path, await pretty(path, JSON.stringify(results)))
}

const START = '<!-- bench:table:start -->'
const END = '<!-- bench:table:end -->'

/** Replace the table between the markers in BENCHMARKS.md, keeping the prose around it. */
export const updateBenchmarksMd = async (
  path: string,
  measures: Measure[],
  machine: Machine,
  when: string,
): Promise<void> => {
  const doc = await readFile(path, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`)
  const from = doc.indexOf(START)
  const to = doc.indexOf(END)
  if (from < 0 || to < from) throw new Error(`${path} lacks the ${START} ... ${END} markers`)
  const body = [
    `- When: ${when}`,
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`,
    `- Software: Node ${machine.node}, ${machine.chromium} (headless)`,
    `- Load: 1-minute load average ${machine.load[0]} before the run, ${machine.load[1]} after`,
    '',
    markdownTable(measures),
  ].join('\n')
  const next = `${doc.slice(0, from + START.length)}\n\n${body}\n\n${doc.slice(to)}`
  await writeFile(path, await pretty(path, next))
}
