/**
 * Bundle phase: initial JavaScript gzipped (measured with size-limit's file plugin), and
 * proof from the build output itself that the Spark SDK chunk is loaded only on demand.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import sizeLimit from 'size-limit'
import filePlugin from '@size-limit/file'
import {
  chunkLinks,
  htmlEntries,
  precacheUrls,
  staticClosure,
  type ChunkLinks,
} from './bundle-graph.ts'
import type { Measures } from './measures.ts'

const SECTION = 'Bundle'
/**
 * Budget for the UI's initial JavaScript, gzipped, in kB (1,000 bytes, as Vite and size-limit
 * count). Raised from 120 to 130 when the cockpit, the Market pane, prices per model and the
 * BOLT11 read-out brought it to 128 kB. Loading every pane but Sell Compute lazily brings it to
 * 93 kB, but made five e2e specs flaky on the first try, so it waits for its own change.
 */
export const UI_INITIAL_BUDGET_KB = 130
const SPARK_MIN_BYTES = 1024 * 1024

const gzipBytes = async (dir: string, files: string[]): Promise<number> => {
  if (files.length === 0) return 0
  // size-limit's typings say functions and an object; at run time it takes plugin lists and
  // answers one { size } per check.
  const plugin = filePlugin as unknown as (...args: unknown[]) => unknown
  const checks = [{ files: files.map((f) => join(dir, f)), gzip: true }]
  const [result] = (await sizeLimit([plugin], { checks })) as { size?: number }[]
  return result?.size ?? Number.NaN
}

/** The chunks that close the dynamic-import graph from `roots`: what the app can ever load. */
const reachable = (roots: string[], links: (p: string) => ChunkLinks): Set<string> => {
  const seen = new Set<string>()
  const visit = (p: string) => {
    if (seen.has(p)) return
    seen.add(p)
    const l = links(p)
    for (const next of [...l.static, ...l.dynamic, ...l.workers]) visit(next)
  }
  roots.forEach(visit)
  return seen
}

export const runBundle = async (dir: string, measures: Measures): Promise<void> => {
  const assets = (await readdir(join(dir, 'assets'))).filter((f) => f.endsWith('.js'))
  const code = new Map<string, string>()
  for (const f of assets) code.set(`assets/${f}`, await readFile(join(dir, 'assets', f), 'utf8'))
  const links = (p: string) => chunkLinks(p, code.get(p) ?? '')

  const entries = htmlEntries(await readFile(join(dir, 'index.html'), 'utf8'))
  const uiInitial = staticClosure(entries, links)
  const workerEntries = [...new Set(uiInitial.flatMap((p) => links(p).workers))]
  const workerInitial = staticClosure(workerEntries, links)
  const precache = precacheUrls(await readFile(join(dir, 'sw.js'), 'utf8'))

  const spark: string[] = []
  for (const f of assets) {
    const big = (await stat(join(dir, 'assets', f))).size >= SPARK_MIN_BYTES
    if (/^spark-[\w-]+\.js$/.test(f) && big) spark.push(`assets/${f}`)
  }
  const everything = reachable([...entries], links)
  const initial = new Set([...entries, ...uiInitial, ...workerInitial])
  const sparkInitial = spark.filter((s) => initial.has(s))
  const sparkPrecached = spark.filter((s) => precache.includes(s))
  const sparkLazy = spark.length > 0 && spark.every((s) => everything.has(s))

  const [uiGzip, workerGzip, sparkGzip] = await Promise.all([
    gzipBytes(dir, uiInitial),
    gzipBytes(dir, workerInitial),
    gzipBytes(dir, spark),
  ])
  const kB = (bytes: number) => bytes / 1000
  const add = (name: string, value: number | string, unit: string, extra = {}) =>
    measures.add({ section: SECTION, name, value, unit, ...extra })

  add('UI initial JS, gzip (entry + static imports)', kB(uiGzip), 'kB', {
    budget: { op: '<=', limit: UI_INITIAL_BUDGET_KB },
    note: `${uiInitial.join(', ')}: everything the page must fetch and run before its first render`,
  })
  add('engine worker JS, gzip (worker entry + static imports)', kB(workerGzip), 'kB', {
    note: `${workerInitial.join(', ')}: started by the UI entry as it runs, fetched while React renders`,
  })
  add('Spark SDK chunk, gzip (loaded on demand)', kB(sparkGzip), 'kB', { note: spark.join(', ') })
  const proof = (bad: string[]) =>
    spark.length === 0 ? 'not found' : bad.length > 0 ? 'yes' : 'no'
  add('Spark SDK chunk in the initial graph', proof(sparkInitial), '', {
    budget: { op: '=', limit: 'no' },
    note: 'index.html scripts and module preloads, their static imports, and the worker entry and its static imports',
  })
  add('Spark SDK chunk in the precache (sw.js)', proof(sparkPrecached), '', {
    budget: { op: '=', limit: 'no' },
  })
  add('Spark SDK chunk reachable by dynamic import', sparkLazy ? 'yes' : 'no', '', {
    budget: { op: '=', limit: 'yes' },
    note: 'so the proof above is about the real chunk, which the app can still load',
  })
  measures.detail('bundle', {
    htmlEntries: entries,
    uiInitial,
    workerEntries,
    workerInitial,
    spark,
    precache,
    bytesGzip: { uiInitial: uiGzip, workerInitial: workerGzip, spark: sparkGzip },
  })
}
