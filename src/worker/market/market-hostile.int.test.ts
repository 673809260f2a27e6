/**
 * Hostile market events on the provider's own connections while it serves (issue 18): huge
 * announcements, malformed JSON content and a thousand fake providers, live. The tally stays
 * bounded (and small once saved), the report never throws, and our own job is served.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { startRig, until, type Rig } from '../../../fixtures/engine-rig.ts'

let rig: Rig | undefined
afterEach(async () => {
  await rig?.stop()
  rig = undefined
})

const now = () => Math.floor(Date.now() / 1000)
const announce = (content: string) =>
  finalizeEvent(
    {
      kind: 31990,
      created_at: now(),
      content,
      tags: [
        ['k', '5050'],
        ['d', 'x'],
      ],
    },
    generateSecretKey(),
  )

describe('hostile market events, online', () => {
  it('are bounded and never stop our own jobs', async () => {
    rig = await startRig()
    expect(await rig.engine.goOnline()).toEqual({ ok: true, value: 'online' })
    // The watch's subscription on the job connection (no requests in it: those are handed over).
    await until(() =>
      rig!.relay.subscriptions().some((s) => s.filters.some((f) => f.kinds?.includes(31990))),
    )
    const hostile = [
      announce(`{"name":"${'x'.repeat(60_000)}"}`),
      announce('{"name": "unterminated'),
      announce('[1,2,3]'),
      announce('null'),
      announce(`{"name":"ok","models":${JSON.stringify(Array(5000).fill('m'.repeat(200)))}}`),
      ...Array.from({ length: 1000 }, (_, i) => announce(`{"name":"fake ${i}","amount":"1"}`)),
    ]
    for (const e of hostile) rig.relay.injectEvent(e)
    const job = rig.request('still served')
    rig.relay.injectEvent(job)
    await until(
      () => rig!.relay.events().some((e) => e.kind === 6050 && e.tags.some((t) => t[1] === job.id)),
      45_000,
    )

    const report = await rig.engine.marketReport()
    expect(report.providers.length).toBeLessThanOrEqual(50)
    expect(report.providerCount + report.dropped).toBeLessThanOrEqual(hostile.length)
    for (const p of report.providers) {
      expect(p.name.length).toBeLessThanOrEqual(100)
      expect(JSON.stringify(p.models).length).toBeLessThan(10_000)
    }
    expect(report.demand.find((d) => d.reason === 'taken')?.hour).toBe(1)
    // Everything the pane gets, small however large the events were.
    expect(JSON.stringify(report).length).toBeLessThan(100_000)
  }, 90_000)

  it('are verified by the watch itself: a forged announcement is dropped, never listed', async () => {
    rig = await startRig()
    expect(await rig.engine.goOnline()).toEqual({ ok: true, value: 'online' })
    await until(() =>
      rig!.relay.subscriptions().some((s) => s.filters.some((f) => f.kinds?.includes(31990))),
    )
    // Another event's signature: well formed, and wrong. The relay passes it on as it is.
    const forged = { ...announce('{"name":"forged"}'), sig: announce('{}').sig }
    const genuine = announce('{"name":"genuine"}')
    const before = (await rig.engine.marketReport()).dropped
    rig.relay.injectEvent(forged)
    rig.relay.injectEvent(genuine)
    await until(async () =>
      (await rig!.engine.marketReport()).providers.some((p) => p.name === 'genuine'),
    )
    const report = await rig.engine.marketReport()
    expect(report.providers.some((p) => p.name === 'forged')).toBe(false)
    expect(report.dropped).toBe(before + 1)
  })
})
