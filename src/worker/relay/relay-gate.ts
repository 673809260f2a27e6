/**
 * What one relay's refusals teach the provider, kept per relay across publishes: a
 * `rate-limited:` relay is paused with a growing delay (only that relay), a `blocked:` or
 * `restricted:` one gets nothing more, a `pow:` one gets a mined copy. See `refusal.ts`.
 */
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { Log } from '../log.ts'
import { backoffMs, sleep } from './backoff.ts'
import { powAsked, readRefusal } from './refusal.ts'

export interface GateState {
  refused?: string
  rateLimitedUntil?: number
}

export interface RelayGateOptions {
  url: string
  log: Log
  onChange?: (state: GateState) => void
  /** Re-sign the event with NIP-13 work of `bits`; off the hot path (see `pow.ts`). */
  mine?: (event: NostrEvent, bits: number, signal: AbortSignal) => Promise<NostrEvent>
  /** The most proof of work the provider will do for one event (the setting). */
  maxPowBits: () => number
  /** What the relay's NIP-11 document asks for, when known. */
  minPowBits?: () => number | undefined
  random?: () => number
  now?: () => number
}

export interface SendOptions {
  signal: AbortSignal
  /** Wait out a rate-limit pause and retry passing faults (results, invoices); partials don't. */
  patient: boolean
}

/** The id of the event the relay took (a mined copy's own), or why it did not take it. */
export type GateOutcome = Result<string>

export interface PublishOutcome {
  acked: string[]
  errors: string[]
}

/** Publish to each relay through `one`, at once; which acked and why the others did not. */
export const publishToEach = async (
  urls: string[],
  one: (url: string) => Promise<GateOutcome>,
): Promise<PublishOutcome> => {
  const outcomes = await Promise.all(urls.map(one))
  const acked: string[] = []
  const errors: string[] = []
  outcomes.forEach((r, i) => (r.ok ? acked.push(urls[i] as string) : errors.push(r.error)))
  return { acked, errors }
}

export interface RelayGate {
  publish(
    event: NostrEvent,
    send: (event: NostrEvent) => Promise<unknown>,
    o: SendOptions,
  ): Promise<GateOutcome>
  state(): GateState
}

const RETRIES = 3
const RATE_LIMIT_TRIES = 6
const RATE_BASE_MS = 1000
const RATE_CAP_MS = 5 * 60_000

export const createRelayGate = (o: RelayGateOptions): RelayGate => {
  const now = o.now ?? Date.now
  const state: GateState = {}
  // Consecutive rate-limit answers: each one doubles the pause; an accepted event resets it.
  let strikes = 0
  const changed = () => o.onChange?.({ ...state })

  const publish: RelayGate['publish'] = async (event, send, { signal, patient }) => {
    let current = event
    let faults = 0
    let limited = 0
    let mined = false
    const fail = (reason: string): GateOutcome => err(`${o.url}: ${reason}`)
    for (;;) {
      if (state.refused) return fail(`refused earlier (${state.refused})`)
      const pause = (state.rateLimitedUntil ?? 0) - now()
      if (pause > 0) {
        if (!patient) return fail('rate-limited; this one is skipped')
        await sleep(pause, signal)
      }
      if (signal.aborted) return fail('gave up waiting')
      try {
        await send(current)
        if (strikes > 0 || state.rateLimitedUntil) {
          strikes = 0
          delete state.rateLimitedUntil
          changed()
        }
        return ok(current.id)
      } catch (e) {
        const r = readRefusal(e)
        switch (r.action) {
          case 'accepted':
            return ok(current.id)
          case 'back-off': {
            const wait = backoffMs(strikes++, o.random, RATE_BASE_MS, RATE_CAP_MS)
            state.rateLimitedUntil = now() + wait
            changed()
            o.log('warn', `${o.url}: ${r.words}; pausing it for ${Math.ceil(wait / 1000)} s`)
            if (!patient || ++limited >= RATE_LIMIT_TRIES) return fail(r.words)
            continue
          }
          case 'stop':
            state.refused = r.words
            changed()
            o.log('warn', `${o.url}: ${r.words}; publishing nothing more there`)
            return fail(r.words)
          case 'drop':
            o.log(
              'warn',
              `${o.url} refused kind ${current.kind} ${current.id.slice(0, 8)}: ${r.words}`,
            )
            return fail(r.words)
          case 'pow': {
            const bits = Math.max(powAsked(r.words) ?? 0, o.minPowBits?.() ?? 0)
            const allowed = o.maxPowBits()
            const why = powProblem(bits, allowed, mined, o.mine !== undefined)
            if (why) {
              o.log('warn', `${o.url}: ${r.words}; ${why}`)
              return fail(`${r.words}; ${why}`)
            }
            try {
              current = await (o.mine as NonNullable<typeof o.mine>)(current, bits, signal)
            } catch {
              return fail('gave up mining proof of work')
            }
            mined = true
            continue
          }
          case 'auth':
          case 'retry':
            if (!patient || ++faults > RETRIES) return fail(r.words)
            await sleep(backoffMs(faults - 1, o.random), signal)
        }
      }
    }
  }
  return { publish, state: () => ({ ...state }) }
}

const powProblem = (bits: number, allowed: number, mined: boolean, canMine: boolean) => {
  if (!canMine) return 'this connection cannot mine proof of work'
  if (mined) return 'it refused the mined copy too'
  if (bits === 0) return 'it did not say how much proof of work it wants'
  if (bits > allowed)
    return `it wants ${bits} bits of proof of work; this provider mines up to ${allowed} (Settings)`
  return undefined
}
