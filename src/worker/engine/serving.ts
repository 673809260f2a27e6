/**
 * Serving: the relays, intake, announcements and the lifecycle that starts and stops them.
 * While online, every request goes relay -> intake (decide, apply) -> queue or payment.
 */
import { KIND_PROFILE } from '../../shared/nip90/index.ts'
import { isFree } from '../../shared/pricing.ts'
import { isAccepting } from '../../shared/provider-state.ts'
import type { Settings } from '../../shared/settings.ts'
import type { ModelInfo, OllamaStatus } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import type { RelayPoolOptions } from '../relay/relay-pool.ts'
import type { JobStore } from '../store/job-store.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { Activity } from './activity.ts'
import { profileOf, startDiscovery } from './discovery.ts'
import type { Hub } from './hub.ts'
import { resolveInputs } from './inputs.ts'
import { createIntake, type IntakeDeps } from './intake.ts'
import { createKnownJobs } from './known-jobs.ts'
import type { Jobs } from './jobs.ts'
import type { Payments } from './payments-wiring.ts'
import type { ProviderKey } from './provider-key.ts'
import { createLifecycle, type LifecycleDeps } from './provider-lifecycle.ts'
import { createRelays } from './relays.ts'

const PROFILE_LOOKUP_MS = 5000

export interface ServingDeps extends Pick<
  LifecycleDeps,
  'acquireServeLock' | 'waitForServeLock' | 'warmUp' | 'stopWarmUp'
> {
  hub: Pick<Hub, 'snapshot' | 'update' | 'log'>
  settings: () => Settings
  installed: () => ModelInfo[]
  key: () => ProviderKey
  store: Pick<JobStore, 'has' | 'idsSince' | 'unfinished'>
  kv: Pick<KvStore, 'wantOnline' | 'setWantOnline'>
  jobs: Pick<
    Jobs,
    'journal' | 'replies' | 'queue' | 'run' | 'start' | 'cancel' | 'redeliver' | 'awaitingPayment'
  >
  payments: Pick<Payments, 'session' | 'awaitPayment' | 'resume' | 'invoiceRefusal'>
  /** How each request that was ours to decide went (the Market pane counts them). */
  onOutcome: IntakeDeps['onOutcome']
  /** The market watch, carried on the job connections while online. */
  market?: MarketFeed
  /** A request refused: counted by reason, said in the log (refusals.ts). */
  onRefused: IntakeDeps['onRefused']
  /** Ollama's status, checked again unless it is ready. */
  ollama: () => Promise<OllamaStatus>
  /** The throwaway keys of the test jobs out now (test-job.ts). */
  testKeys: () => ReadonlySet<string>
  /** False once the engine is closing. */
  open: () => boolean
  /** Intakes, cancellations and resends count as in flight until they settle (activity.ts). */
  activity: Pick<Activity, 'track'>
  now: () => number
  WebSocket?: typeof WebSocket
}

export interface MarketFeed {
  /** Its subscription (filters and handler), for the job connections. */
  watch: () => RelayPoolOptions['watch']
  /** Online: it closes connections of its own; offline again: it may open them again. */
  online: (on: boolean) => void
}

export const createServing = (d: ServingDeps) => {
  const { hub, jobs, payments, settings, now } = d
  const log = hub.log
  let discovery: ReturnType<typeof startDiscovery> | null = null

  /** A request or frame dropped unanswered: said in the log, counted in the snapshot. */
  const countDrop = (reason: string) => {
    log('debug', reason)
    const { counts } = hub.snapshot()
    hub.update({ counts: { ...counts, dropped: counts.dropped + 1 } })
  }

  const intake = (notBefore: number) => {
    const known = createKnownJobs(d.store, jobs.journal, notBefore)
    return createIntake({
      view: () => ({
        provider: { pubkey: d.key().pubkey, secretKey: d.key().secretKey },
        settings: settings(),
        ollama: hub.snapshot().ollama,
        now: now(),
        notBefore,
        accepting: d.open() && isAccepting(hub.snapshot().state),
        awaitingPayment: jobs.awaitingPayment(),
        canInvoice: payments.session.wallet() !== null,
        testKeys: d.testKeys(),
      }),
      resolveInputs: (inputs, signal) => resolveInputs({ pool: relays.pool }, inputs, signal),
      invoiceRefusal: payments.invoiceRefusal,
      ...(d.onOutcome ? { onOutcome: d.onOutcome } : {}),
      onRefused: d.onRefused,
      has: known.has,
      journal: known,
      feedback: jobs.replies.feedback,
      queue: jobs.queue,
      start: jobs.start,
      log,
      onDrop: countDrop,
      track: d.activity.track,
      onDeletion: (event) =>
        void d.activity
          .track(jobs.cancel(event))
          .catch((e) => log('warn', `cancel: ${errorText(e)}`)),
      onAwaitingPayment: payments.awaitPayment,
    })
  }

  const relays = createRelays({
    settings,
    secretKey: () => d.key().secretKey,
    now,
    intake,
    onStatus: (statuses) => hub.update({ relays: statuses }),
    onConnected: () => {
      discovery?.announceNow()
      void d.activity
        .track(jobs.redeliver())
        .catch((e) => log('warn', `resending results: ${errorText(e)}`))
    },
    onDrop: countDrop,
    log,
    ...(d.market ? { watch: d.market.watch } : {}),
    ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
  })

  const lifecycle = createLifecycle({
    state: () => hub.snapshot().state,
    publish: (patch) => hub.update(patch),
    log,
    wantOnline: d.kv.wantOnline,
    setWantOnline: d.kv.setWantOnline,
    acquireServeLock: d.acquireServeLock,
    warmUp: d.warmUp,
    stopWarmUp: d.stopWarmUp,
    ...(d.waitForServeLock ? { waitForServeLock: d.waitForServeLock } : {}),
    notReady: async () => {
      const ollama = await d.ollama()
      if (ollama.state !== 'ready') return `Ollama is not ready: ${ollama.reason ?? ollama.state}`
      if (!isFree(settings()) && !payments.session.wallet())
        return 'Paid jobs need a ready wallet. Connect one in the Wallet pane, or set every price to 0 (in Settings and in Models).'
      return null
    },
    startServing: () => {
      d.market?.online(true)
      relays.start()
      discovery = startDiscovery({
        ...d,
        profile: () => profileOf(settings()),
        pubkey: () => d.key().pubkey,
        sign: jobs.replies.sign,
        publish: (event) => jobs.replies.publish(event, []),
        findProfile: async () => {
          const pool = relays.pool()
          // Nobody to ask yet: undefined, so discovery writes nothing and asks again on connect.
          if (!pool || pool.connectedCount() === 0) return undefined
          const filter = { kinds: [KIND_PROFILE], authors: [d.key().pubkey] }
          return pool.get(filter, [], PROFILE_LOOKUP_MS, AbortSignal.timeout(PROFILE_LOOKUP_MS))
        },
        log,
      })
      return `online on ${settings().relays.length} relay(s) as ${d.key().npub}`
    },
    drain: async () => {
      // Say "offline" at once, so clients stop listing a provider that takes no new jobs.
      const saidOffline = discovery?.offline()
      discovery = null
      await jobs.queue.idle()
      await saidOffline
    },
    stopServing: () => {
      discovery?.stop()
      discovery = null
      relays.stop()
      d.market?.online(false)
    },
    resume: async () => {
      for (const job of await d.store.unfinished()) {
        log('info', `resuming job ${job.id.slice(0, 8)} (${job.state})`)
        if (job.state === 'queued' || job.state === 'running') jobs.run(job)
        else if (job.state === 'awaiting-payment') await payments.resume(job)
      }
    },
  })

  return {
    ...lifecycle,
    pool: relays.pool,
    /** The relay list changed: reconnect if online. */
    restartRelays: relays.restart,
    /** Something announced (models, prices) may have changed. */
    announce: () => discovery?.announceNow(false),
  }
}
