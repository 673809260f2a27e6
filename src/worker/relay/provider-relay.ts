/**
 * One connection to one relay, nostr-tools' `AbstractRelay` with NIP-42 wired in: it answers
 * AUTH challenges with the key it is given (`onauth`), says how that went, and publishes
 * again once after `auth-required:`. One object is one connection: never reconnected.
 */
import {
  AbstractRelay,
  type Subscription,
  type SubscriptionParams,
} from 'nostr-tools/abstract-relay'
import type { Filter } from 'nostr-tools/filter'
import type { EventTemplate, VerifiedEvent } from 'nostr-tools/pure'
import { parseEventShape, type NostrEvent } from '../../shared/nip90/index.ts'
import type { RelayAuthState } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { readRefusal } from './refusal.ts'
import { checkSigned } from './verify.ts'

export interface ProviderRelayOptions {
  /** Signs the kind 22242 AUTH event: the provider's key, or the NWC connection's. */
  signAuth: (template: EventTemplate) => VerifiedEvent
  onAuth?: (state: RelayAuthState, problem?: string) => void
  onDrop: (reason: string) => void
  onNotice?: (message: string) => void
  /**
   * Events the provider will not act on whatever their signature says (requests addressed to
   * another provider): not verified here, handed to the subscriptions that take such events
   * (`onpassing`) and verified before any other subscription sees them.
   */
  passes?: (event: NostrEvent) => boolean
  WebSocket?: typeof WebSocket
}

/** A subscription that also takes the events `passes` let through unverified. */
export type ProviderSubscriptionParams = Partial<SubscriptionParams> & {
  onpassing?: (event: NostrEvent) => void
}

// How long a publish refused with `auth-required:` waits for a challenge to be answered.
const AUTH_WAIT_MS = 6000

export class ProviderRelay extends AbstractRelay {
  authState: RelayAuthState | undefined
  authProblem: string | undefined
  private answered: Promise<boolean> | undefined
  private challenged: (() => void) | undefined
  private readonly challengeSeen: Promise<void>
  private readonly onAuth: ProviderRelayOptions['onAuth']
  private readonly passing: WeakSet<object>
  private readonly onDrop: (reason: string) => void

  constructor(url: string, o: ProviderRelayOptions) {
    const passing = new WeakSet<object>()
    const opts = {
      // Shape first, then (unless it passes unverified) the signature: never a throw.
      verifyEvent: (raw: unknown) => {
        const shaped = parseEventShape(raw)
        if (shaped.ok && o.passes?.(shaped.value)) return (passing.add(raw as object), true)
        const checked = shaped.ok ? checkSigned(shaped.value) : shaped
        if (!checked.ok) o.onDrop(checked.error)
        return checked.ok
      },
      enablePing: true,
      enableReconnect: false,
      ...(o.WebSocket ? { websocketImplementation: o.WebSocket } : {}),
    }
    super(url, opts as ConstructorParameters<typeof AbstractRelay>[1])
    this.onAuth = o.onAuth
    this.passing = passing
    this.onDrop = o.onDrop
    this.challengeSeen = new Promise((resolve) => (this.challenged = resolve))
    this.onauth = async (template) => o.signAuth(template)
    // A relay may send anything as a notice: never assume a string.
    this.onnotice = (msg) => o.onNotice?.(String(msg).slice(0, 200))
  }

  /**
   * Called by nostr-tools on every AUTH frame. Only the first challenge of a connection is
   * answered (a flood of challenges costs one signature), and the answer never rejects into
   * the void: its outcome is kept as `authState` instead.
   */
  override auth(sign: Parameters<AbstractRelay['auth']>[0]): Promise<string> {
    // nostr-tools keeps the challenge private; it is set just before this is called.
    const { challenge } = this as unknown as { challenge?: string }
    if (!this.answered && challenge) {
      this.setAuth('required')
      this.challenged?.()
      this.answered = super.auth(sign).then(
        () => (this.setAuth('authenticated'), true),
        (e: unknown) => {
          const words = errorText(e)
          this.setAuth(
            'failed',
            words === 'auth timed out' ? 'the relay never answered our AUTH' : words,
          )
          return false
        },
      )
    }
    return (this.answered ?? Promise.resolve(false)).then(() => '')
  }

  /**
   * nostr-tools' subscribe, with events that passed unverified going to `onpassing`, or, for a
   * subscription without one, verified first like every other event.
   */
  override subscribe(filters: Filter[], params: ProviderSubscriptionParams): Subscription {
    const { onevent, onpassing, ...rest } = params
    return super.subscribe(filters, {
      ...rest,
      onevent: (event) => {
        if (!this.passing.has(event)) return onevent?.(event)
        this.passing.delete(event)
        if (onpassing) return onpassing(event as NostrEvent)
        // In shape already (the hook checked it): only its signature is left to check.
        const checked = checkSigned(event as NostrEvent)
        if (!checked.ok) return this.onDrop(checked.error)
        onevent?.(event)
      },
    })
  }

  /** True once authenticated; false when AUTH failed or no challenge came within `ms`. */
  async whenAuthenticated(ms = AUTH_WAIT_MS): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
    try {
      const seen = await Promise.race([this.challengeSeen.then(() => true), late])
      return seen ? await Promise.race([this.answered ?? false, late]) : false
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Publish; on `auth-required:` wait for AUTH to be answered and publish once more.
   * Rejects with the relay's reason, as `publish` does.
   */
  async publishAuthed(event: NostrEvent): Promise<void> {
    try {
      await this.publish(event)
    } catch (e) {
      if (readRefusal(e).action !== 'auth') throw e
      if (!(await this.whenAuthenticated())) {
        throw new Error(
          `auth-required: ${this.authProblem ?? 'the relay sent no AUTH challenge'}`,
          { cause: e },
        )
      }
      await this.publish(event)
    }
  }

  /**
   * A socket closed while still connecting reports an error nobody needs; Node's `ws` throws
   * an error no one listens to, so one listener stays on for good.
   */
  override close(): void {
    const { ws } = this as unknown as {
      ws?: { addEventListener?: (t: string, f: () => void) => void }
    }
    ws?.addEventListener?.('error', () => undefined)
    super.close()
  }

  private setAuth(state: RelayAuthState, problem?: string) {
    this.authState = state
    this.authProblem = problem
    this.onAuth?.(state, problem)
  }
}
