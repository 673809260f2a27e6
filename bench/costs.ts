/**
 * What one signature and one verification cost where they run: in a Chromium worker (the
 * provider signs 3 events and verifies 1 per job) and in Node (the test relay verifies all 4),
 * so the throughput figures can be explained by arithmetic rather than guessed at.
 */
import { finalizeEvent, generateSecretKey, verifyEvent, type Event } from 'nostr-tools/pure'
import { verifyEvent as wasmVerifyEvent } from 'nostr-tools/wasm'
import { fastSigner } from './fast-sign.ts'
import { leastOf } from './worker-costs.ts'
import type { Baseline } from './baseline-host.ts'
import type { Measures } from './measures.ts'
import { round } from './stats.ts'

const SECTION = 'Pipeline'
const EVENTS_PER_JOB_AT_RELAY = 4

const nodeVerifyMs = (samples: number, verify: (e: Event) => boolean): number => {
  const sk = generateSecretKey()
  const events = Array.from({ length: samples }, (_, i) =>
    finalizeEvent({ kind: 7000, created_at: i, tags: [], content: '' }, sk),
  )
  // Fresh copies: nostr-tools caches a verified mark on the object itself.
  const copies = events.map((e) => JSON.parse(JSON.stringify(e)) as Event)
  return leastOf(copies, verify)
}

export const runCosts = async (baseline: Baseline, measures: Measures, samples: number) => {
  const browser = await baseline.costs(samples)
  const relayVerifyMs = nodeVerifyMs(samples, verifyEvent)
  await fastSigner()
  const wasmVerifyMs = nodeVerifyMs(samples, wasmVerifyEvent)
  const add = (name: string, value: number, unit: string, note?: string) =>
    measures.add({
      section: SECTION,
      name,
      value: round(value, 3),
      unit,
      ...(note ? { note } : {}),
    })
  add('sign one event, Chromium worker', browser.signMs, 'ms')
  add('verify one event, Chromium worker', browser.verifyMs, 'ms')
  add('sign one event, Chromium worker, wasm (the app)', browser.signWasmMs, 'ms')
  add('verify one event, Chromium worker, wasm (the app)', browser.verifyWasmMs, 'ms')
  add('IndexedDB put, own transaction, Chromium worker', browser.putMs, 'ms')
  add('IndexedDB get, own transaction, Chromium worker', browser.getMs, 'ms')
  add('verify one event, Node, pure JS (relay --relay=js)', relayVerifyMs, 'ms')
  add('verify one event, Node, libsecp256k1 wasm (relay default)', wasmVerifyMs, 'ms')
  add(
    'pure-JS relay ceiling: 1 / (4 verifications per job)',
    1000 / (EVENTS_PER_JOB_AT_RELAY * relayVerifyMs),
    'jobs/s',
    'request, processing, result and success each verified once by a single-threaded relay',
  )
  measures.detail('costs', { ...browser, relayVerifyMs, wasmVerifyMs })
  return browser
}
