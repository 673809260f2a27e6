/** Relays are untrusted: garbage frames and forged requests must not crash or fool the app. */
import { matchFilters } from 'nostr-tools/filter'
import type { Event } from 'nostr-tools/pure'
import { buildRequestTags, KIND_REQUEST } from '../fixtures/customer.ts'
import type { TestRelay } from '../fixtures/relay.ts'
import { engineIdle } from '../fixtures/engine-idle.ts'
import { expect, test } from '../fixtures/test.ts'
import { goOnline, jobRows, jobRowsWith, openPane } from '../fixtures/ui.ts'

const now = () => Math.floor(Date.now() / 1000)

/** The provider's subscriptions for requests, so garbage reaches a real subscriber. */
const requestSubs = (relay: TestRelay) =>
  relay.subscriptions().filter((s) => s.filters.some((f) => f.kinds?.includes(KIND_REQUEST)))

const garbageFor = (subId: string, valid: Event): string[] => [
  'not json at all',
  '{"not":"an array"}',
  '[]',
  '["EVENT"]',
  `["EVENT",${JSON.stringify(subId)}]`,
  `["EVENT",${JSON.stringify(subId)},"not an event"]`,
  `["EVENT",${JSON.stringify(subId)},{"kind":5050}]`,
  `["EVENT",${JSON.stringify(subId)},${JSON.stringify({ ...valid, tags: 'not tags' })}]`,
  `["EVENT",${JSON.stringify(subId)},${JSON.stringify({ ...valid, kind: '5050' })}]`,
  `["EVENT",${JSON.stringify(subId)},${JSON.stringify({ ...valid, created_at: null })}]`,
  '["EOSE"]',
  '["OK",42]',
  '["NOTICE"]',
  '["CLOSED"]',
  '["AUTH"]',
  '["EVENT","no-such-subscription",{}]',
]

test('malformed frames and wrongly signed requests: no crash, no job, still serving', async ({
  app,
  relay,
  customer,
  pageErrors,
}) => {
  await goOnline(app)
  await expect.poll(() => requestSubs(relay).length, { timeout: 10_000 }).toBeGreaterThan(0)

  const template = (prompt: string) => ({
    kind: KIND_REQUEST,
    created_at: now(),
    tags: buildRequestTags({ prompt }),
    content: '',
  })
  // Never published as is: only its broken copies go out.
  const valid = customer.sign(template('a template for garbage'))
  // Aimed at the provider's own connection: the customer's client would only log noise.
  for (const sub of requestSubs(relay)) {
    for (const frame of garbageFor(sub.id, valid)) sub.send(frame)
  }

  // Validly signed but over the 64 KiB event cap (protocol.md): dropped, not served.
  const oversized = customer.sign(template('x'.repeat(70 * 1024)))
  for (const sub of requestSubs(relay)) sub.send(JSON.stringify(['EVENT', sub.id, oversized]))

  // Content changed after signing: the id no longer matches.
  const tampered = customer.sign(template('what was signed'))
  const forgedContent = { ...tampered, tags: buildRequestTags({ prompt: 'what was sent' }) }
  // The id matches the content, but the signature belongs to another event.
  const honest = customer.sign(template('signed by someone'))
  const other = customer.sign(template('another event'))
  const forgedSig = { ...honest, sig: other.sig }
  relay.injectEvent(forgedContent)
  relay.injectEvent(forgedSig)
  // They did reach the provider: the relay broadcast them to its subscription.
  for (const forged of [forgedContent, forgedSig]) {
    expect(requestSubs(relay).some((s) => matchFilters(s.filters, forged))).toBe(true)
  }

  // Last on the same connection, a request it answers without a job (a refusal): once that
  // answer is out, everything above has been read; once the engine is idle, whatever it did
  // with them has happened, so the counts below are final.
  const last = customer.sign({
    ...template('read after the garbage'),
    tags: buildRequestTags({ prompt: 'read after the garbage', params: { think: 'maybe' } }),
  })
  relay.injectEvent(last)
  await customer.waitForFeedback(last.id, 'error', 15_000)
  await engineIdle(app)

  const sell = await openPane(app, 'Sell Compute')
  const history = await openPane(app, 'Job History')
  await expect(jobRows(history)).toHaveCount(0)
  expect(customer.feedback(forgedContent.id)).toEqual([])
  expect(customer.feedback(forgedSig.id)).toEqual([])
  expect(customer.feedback(oversized.id)).toEqual([])
  await expect(sell.getByText('Online', { exact: true }).first()).toBeVisible()

  const request = await customer.sendRequest({ prompt: 'Still there?' })
  await customer.waitForResult(request.id, 15_000)
  await customer.waitForFeedback(request.id, 'success')
  await expect(jobRowsWith(history, 'completed')).toHaveCount(1)
  await expect(jobRows(history)).toHaveCount(1)
  expect(pageErrors).toEqual([])
})
