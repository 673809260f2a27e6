/**
 * Inputs are bounded after they are resolved: `event` and `job` inputs are fetched, then the
 * whole prompt counts against the cap. The review's proof: 300 `event` inputs pointing at one
 * large note made an 18.9 MB prompt, stored, and sent to the UI, for the price of a short job.
 */
import { describe, expect, it } from 'vitest'
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure'
import { startNwcWallet } from '../../../fixtures/nwc-wallet.ts'
import { signedRequest, useEngineRig, until } from '../../../fixtures/engine-rig.ts'
import { MAX_INPUTS, MAX_PROMPT_CHARS } from '../../shared/nip90/index.ts'

const rig = useEngineRig()
const customer = generateSecretKey()
const author = generateSecretKey()

const note = (content: string): Event =>
  finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), content, tags: [] }, author)
const request = (inputs: string[][], extra: string[][] = []): Event =>
  signedRequest(customer, [...inputs, ...extra])
const replies = (id: string, kind: number) =>
  rig.relay
    .events()
    .filter((e) => e.kind === kind && e.tags.some((t) => t[0] === 'e' && t[1] === id))
const statuses = (id: string) =>
  replies(id, 7000).map((e) => e.tags.find((t) => t[0] === 'status')?.slice(1, 3) ?? [])
const answered = (id: string) =>
  until(() => statuses(id).some(([s]) => s === 'error' || s === 'success'), 20_000)
const prompts = () =>
  // A job's generations, not Go Online's warm-up.
  rig.ollama.generations().map((r) => (r.body as { prompt: string }).prompt)

describe('inputs bounded after they are resolved', () => {
  it('refuses 300 event inputs pointing at one large note, generating nothing', async () => {
    const engine = await rig.startOnline()
    // About 63,000 characters: a note just under the 64 KiB event cap.
    const big = note('x'.repeat(63_000))
    rig.relay.injectEvent(big)
    const attack = request(Array.from({ length: 300 }, () => ['i', big.id, 'event']))
    rig.relay.injectEvent(attack)
    await answered(attack.id)

    expect(prompts()).toEqual([])
    expect(replies(attack.id, 6050)).toHaveLength(0)
    const [status, words] = statuses(attack.id).at(-1) ?? []
    expect(status).toBe('error')
    expect(words).toContain(`${MAX_PROMPT_CHARS.toLocaleString('en')} characters`)
    const job = await engine.getJob(attack.id)
    expect(job?.prompt?.length ?? 0).toBeLessThanOrEqual(MAX_PROMPT_CHARS)
  }, 30_000)

  it('drops duplicate inputs, and caps how many a request may have', async () => {
    await rig.startOnline()
    const a = note('alpha')
    const b = note('beta')
    rig.relay.injectEvent(a)
    rig.relay.injectEvent(b)
    const twice = request([
      ['i', a.id, 'event'],
      ['i', b.id, 'event'],
      ['i', a.id, 'event'],
      ['i', 'gamma', 'text'],
      ['i', 'gamma', 'text'],
    ])
    rig.relay.injectEvent(twice)
    await answered(twice.id)
    expect(prompts()).toEqual(['alpha\n\nbeta\n\ngamma'])

    const many = request(
      Array.from({ length: MAX_INPUTS + 1 }, (_, i) => ['i', `part ${i}`, 'text']),
    )
    rig.relay.injectEvent(many)
    await answered(many.id)
    expect(statuses(many.id).at(-1)?.[1]).toContain(`at most ${MAX_INPUTS} inputs`)
    expect(prompts()).toHaveLength(1)
  }, 30_000)

  it('prices what is generated from: the fetched prompt counts, not the short request', async () => {
    const nwc = await startNwcWallet({ relayUrl: rig.relay.url })
    rig.cleanups.push(() => nwc.stop())
    await rig.startOnline({ pricePerJobSats: 1, pricePer1kTokensSats: 2 }, { nwcUri: nwc.uri })
    // 20,000 characters is about 5,000 tokens of prompt, on top of 1,000 tokens to generate.
    const long = note('y'.repeat(20_000))
    rig.relay.injectEvent(long)
    const asked = request([['i', long.id, 'event']], [['param', 'max_tokens', '1000']])
    rig.relay.injectEvent(asked)
    await until(() => statuses(asked.id).some(([s]) => s === 'payment-required'))
    const amount = replies(asked.id, 7000)
      .flatMap((e) => e.tags)
      .find((t) => t[0] === 'amount')
    // 1 sat + 2 sats x ceil((5,000 + 1,000) / 1,000)
    expect(amount?.[1]).toBe('13000')
  }, 30_000)
})
