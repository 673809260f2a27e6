/**
 * The relay's own ceiling, measured where it is used: events published at once by one bare
 * client, from the first send to the last OK. Kind 1 events, so no provider does work for
 * them; what is timed is the relay's parse, verification, storage and matching against every
 * subscription open at that moment. A throughput figure far below this ceiling is the
 * providers' own; one near it is the rig's.
 */
import { generateSecretKey } from 'nostr-tools/pure'
import WebSocket from 'ws'
import { fastSigner } from './fast-sign.ts'
import type { Measures } from './measures.ts'
import { round } from './stats.ts'

const CEILING_EVENTS = 2000

export const relayCeiling = async (relayUrl: string, events: number): Promise<number> => {
  const sign = await fastSigner()
  const sk = generateSecretKey()
  const now = Math.floor(Date.now() / 1000)
  const frames = Array.from({ length: events }, (_, i) =>
    JSON.stringify([
      'EVENT',
      sign(
        { kind: 1, created_at: now, tags: [], content: `relay ceiling ${i} ${Math.random()}` },
        sk,
      ),
    ]),
  )
  const ws = new WebSocket(relayUrl)
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    let oks = 0
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`relay ceiling: ${oks} of ${events} OKs in 120 s`)),
        120_000,
      )
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as unknown[]
        if (m[0] !== 'OK') return
        if (m[2] !== true)
          reject(new Error(`relay ceiling: the relay refused an event: ${String(m[3])}`))
        if (++oks === events) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    const started = performance.now()
    for (const frame of frames) ws.send(frame)
    await done
    return events / ((performance.now() - started) / 1000)
  } finally {
    ws.close()
  }
}

/** The ceiling as two rows beside a throughput figure: events/s, and jobs/s at `perJob`. */
export const addRelayCeiling = async (
  measures: Measures,
  section: string,
  relay: { url: string; verify: string },
  perJob?: number,
): Promise<number> => {
  const eventsPerS = await relayCeiling(relay.url, CEILING_EVENTS)
  const how = relay.verify === 'wasm' ? 'libsecp256k1 in wasm' : 'pure JS'
  measures.add({
    section,
    name: `relay ceiling (verifies with ${how})`,
    value: round(eventsPerS, 0),
    unit: 'events/s',
    note: `${CEILING_EVENTS} events published at once by one client, first send to last OK`,
  })
  if (perJob === undefined) return eventsPerS
  measures.add({
    section,
    name: `  as jobs: ceiling / ${perJob} events per job`,
    value: round(eventsPerS / perJob, 0),
    unit: 'jobs/s',
  })
  return eventsPerS
}
