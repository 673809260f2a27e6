/**
 * Where a burst job's Chromium CPU goes, per job: signing and verifying (counts times the
 * primitive costs timed in a Chromium worker in the same run), the page's main thread (the
 * UI, measured), the browser's other processes (measured: the IndexedDB backend, the network
 * service, IPC), and the rest of the renderer (the engine's or the baseline's own code).
 */
import type { WorkerCosts } from './baseline-host.ts'
import type { Measures } from './measures.ts'
import type { Probe } from './probe.ts'
import { mean, round } from './stats.ts'

export interface BurstCpu {
  ids: string[]
  cpuMsPerJob: { pageMainThread: number; renderers: number; chromium: number }
}

export const addCpuSplit = (
  measures: Measures,
  o: {
    section: string
    who: 'app' | 'baseline'
    burst: BurstCpu
    probe: Probe
    costs: WorkerCosts
    /** Events the provider's worker verifies per job, from its subscriptions. */
    verifiesPerJob: number
    verifiesWhy: string
  },
) => {
  const signs = mean(o.burst.ids.map((id) => o.probe.timing(id)?.replies ?? Number.NaN))
  const cpu = o.burst.cpuMsPerJob
  const ui = o.who === 'app' ? cpu.pageMainThread : 0
  // The app signs and verifies with libsecp256k1 in wasm, the baseline in pure JS.
  const wasm = o.who === 'app'
  const sign = signs * (wasm ? o.costs.signWasmMs : o.costs.signMs)
  const verify = o.verifiesPerJob * (wasm ? o.costs.verifyWasmMs : o.costs.verifyMs)
  const add = (name: string, value: number, note: string) =>
    measures.add({ section: o.section, name, value: round(value, 2), unit: 'ms', note })
  add(`CPU per job, ${o.who}: signing`, sign, `${round(signs, 2)} events signed per job`)
  add(`CPU per job, ${o.who}: verifying`, verify, o.verifiesWhy)
  if (o.who === 'app') add('CPU per job, app: UI (page main thread)', ui, 'measured')
  add(
    `CPU per job, ${o.who}: browser processes (IndexedDB, network)`,
    cpu.chromium - cpu.renderers,
    'measured: every Chromium process but the renderers',
  )
  add(
    `CPU per job, ${o.who}: rest of the renderer`,
    cpu.renderers - ui - sign - verify,
    'the provider code itself: journal calls, queue, JSON, WebSocket frames',
  )
}
