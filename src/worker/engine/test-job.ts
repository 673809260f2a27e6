/**
 * "Send test job": a customer of our own, with a throwaway key and its own relay connections,
 * sends a real kind 5050 request addressed to this provider and times the round trip to the
 * answer. Intake serves it like any other job; nothing here takes a shortcut through the engine.
 */
import { AbstractRelay } from 'nostr-tools/abstract-relay'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import {
  KIND_DELETION,
  KIND_FEEDBACK,
  KIND_TEXT_REQUEST,
  KIND_TEXT_RESULT,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { TestJobReport } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { signEvent } from '../relay/signatures.ts'
import { checkEvent } from '../relay/verify.ts'
import { readTestReply } from './test-reply.ts'

export const TEST_PROMPT = 'Say hello to a new customer in one short sentence.'
const TEST_MAX_TOKENS = 48
const CONNECT_TIMEOUT_MS = 5000

export interface TestJobInput {
  /** The throwaway customer key: intake knows its pubkey and serves it free. */
  secretKey: Uint8Array
  relays: string[]
  /** Our provider's pubkey: the request is p-tagged to it and only its replies count. */
  provider: string
  timeoutMs: number
  signal: AbortSignal
  WebSocket?: typeof WebSocket
  now?: () => number
}

const openRelays = async (i: TestJobInput) => {
  const errors: string[] = []
  const opened = await Promise.all(
    i.relays.map(async (url) => {
      const relay = new AbstractRelay(url, {
        verifyEvent: (raw) => checkEvent(raw).ok,
        enableReconnect: false,
        ...(i.WebSocket ? { websocketImplementation: i.WebSocket } : {}),
      })
      try {
        await relay.connect({ timeout: CONNECT_TIMEOUT_MS, abort: AbortSignal.any([i.signal]) })
        return relay
      } catch (e) {
        errors.push(`${url}: ${errorText(e)}`)
        relay.close()
        return null
      }
    }),
  )
  return { relays: opened.filter((r): r is AbstractRelay => r !== null), errors }
}

const publishAll = async (relays: AbstractRelay[], event: NostrEvent) => {
  const outcomes = await Promise.allSettled(relays.map((r) => r.publish(event)))
  const errors = outcomes.flatMap((o, n) =>
    o.status === 'rejected' ? [`${relays[n]?.url}: ${errorText(o.reason)}`] : [],
  )
  return { acked: outcomes.length - errors.length, errors }
}

export const runTestJob = async (i: TestJobInput): Promise<Result<TestJobReport>> => {
  const now = i.now ?? Date.now
  const { secretKey } = i
  const request = signEvent(
    {
      kind: KIND_TEXT_REQUEST,
      created_at: Math.floor(now() / 1000),
      content: '',
      tags: [
        ['i', TEST_PROMPT, 'text'],
        ['param', 'max_tokens', String(TEST_MAX_TOKENS)],
        ['output', 'text/plain'],
        ['p', i.provider],
      ],
    },
    secretKey,
  ) as NostrEvent
  const { relays, errors } = await openRelays(i)
  if (relays.length === 0) return err(`Could not reach any relay: ${errors.join('; ')}`)
  const deadline = AbortSignal.any([i.signal, AbortSignal.timeout(i.timeoutMs)])
  let sentAt = now()
  try {
    const answer = new Promise<Result<TestJobReport>>((resolve) => {
      deadline.addEventListener(
        'abort',
        () => resolve(err(`No answer within ${Math.round(i.timeoutMs / 1000)} s`)),
        { once: true },
      )
      const onevent = (event: NostrEvent) => {
        const reply = readTestReply(event, request.id, i.provider)
        if (reply === null || reply.kind === 'working') return
        const latencyMs = now() - sentAt
        const report = { requestId: request.id, latencyMs }
        if (reply.kind === 'error')
          resolve(err(`The provider answered with an error: ${reply.text}`))
        else if (reply.kind === 'result')
          resolve(ok({ ...report, outcome: 'result', detail: reply.text }))
        else {
          const sats = reply.msats / 1000
          resolve(ok({ ...report, outcome: 'payment-required', detail: `${sats} sats` }))
        }
      }
      const filter = {
        kinds: [KIND_TEXT_RESULT, KIND_FEEDBACK],
        authors: [i.provider],
        '#e': [request.id],
      }
      for (const relay of relays) {
        relay.subscribe([filter], { onevent: (e) => onevent(e as NostrEvent), abort: deadline })
      }
    })
    sentAt = now()
    const sent = await publishAll(relays, request)
    if (sent.acked === 0)
      return err(`No relay accepted the test request: ${sent.errors.join('; ')}`)
    const outcome = await answer
    if (outcome.ok && outcome.value.outcome === 'payment-required') {
      // A test job does not pay: cancel it the way a customer would, so it doesn't linger.
      const deletion = signEvent(
        {
          kind: KIND_DELETION,
          created_at: Math.floor(now() / 1000),
          content: 'test job: not paying',
          tags: [
            ['e', request.id],
            ['k', String(KIND_TEXT_REQUEST)],
          ],
        },
        secretKey,
      ) as NostrEvent
      await publishAll(relays, deletion)
    }
    return outcome
  } finally {
    for (const relay of relays) relay.close()
  }
}

/** Generation may take the whole generation timeout; relays and queueing get a little more. */
const TEST_JOB_SLACK_MS = 30_000

export interface TestJobDeps {
  online: () => boolean
  relays: () => string[]
  provider: () => string
  generationTimeoutMs: () => number
  log: Log
  WebSocket?: typeof WebSocket
}

export const createTestJobs = (d: TestJobDeps) => {
  const closing = new AbortController()
  // Each test gets a fresh key, known here while it runs, so intake can tell it is ours.
  const keys = new Set<string>()
  const sendTestJob = async (): Promise<Result<TestJobReport>> => {
    if (!d.online()) {
      return err(
        'Go Online first: the test job is a real request, and only an online provider serves it.',
      )
    }
    d.log('info', 'sending a test job from a throwaway key (free)')
    const secretKey = generateSecretKey()
    const pubkey = getPublicKey(secretKey)
    keys.add(pubkey)
    const result = await runTestJob({
      secretKey,
      relays: d.relays(),
      provider: d.provider(),
      timeoutMs: d.generationTimeoutMs() + TEST_JOB_SLACK_MS,
      signal: closing.signal,
      ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
    }).finally(() => keys.delete(pubkey))
    if (result.ok) {
      d.log(
        'info',
        `test job ${result.value.requestId.slice(0, 8)} answered in ${result.value.latencyMs} ms`,
      )
    } else d.log('warn', `test job failed: ${result.error}`)
    return result
  }
  return { sendTestJob, keys: (): ReadonlySet<string> => keys, stop: () => closing.abort() }
}
