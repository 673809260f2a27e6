/**
 * The provider engine: settings, Ollama status, going online and offline, and the jobs in
 * between. Everything with an effect is a dependency, so Node tests drive the same code.
 */
import { isFree } from '../../shared/pricing.ts'
import { ok, err } from '../../shared/result.ts'
import { parseSettingsForm, type Settings } from '../../shared/settings.ts'
import type { EngineApi, EngineSnapshot } from '../../shared/worker-api.ts'
import { KIND_DELETION, KIND_TEXT_REQUEST } from '../../shared/nip90/index.ts'
import { isFinal } from '../../shared/job-state.ts'
import { errorText } from '../log.ts'
import { createRelayPool, type RelayPool } from '../relay/relay-pool.ts'
import { relayKeys } from '../relay/relay-keys.ts'
import type { Database } from '../store/db.ts'
import { createJobStore } from '../store/job-store.ts'
import { createJobQueries } from '../store/job-queries.ts'
import { createKvStore } from '../store/kv-store.ts'
import { createSecretStore } from '../store/secrets.ts'
import type { SettingsChannel } from '../store/settings-channel.ts'
import type { JobContext } from './context.ts'
import { createCanceller } from './cancel.ts'
import { countChange } from './counts.ts'
import { createPayments, type Payments } from './payments-wiring.ts'
import { discoveryDeps, startDiscovery } from './discovery.ts'
import { createHub } from './hub.ts'
import { createOllamaWatch } from './ollama-watch.ts'
import { createIntake } from './intake.ts'
import { encodeNsec, loadOrCreateKey, parseNsec, toProviderKey } from './provider-key.ts'
import { createJobQueue } from './queue.ts'
import { createModelCommands } from './models.ts'
import { createSetupLinkCommand } from './setup-link.ts'
import { createTestJobs } from './test-job.ts'
import { startMarket } from '../market/market-wiring.ts'
import { JobAborted, runJob } from './run-job.ts'
import { createWarmUp } from './warm-up.ts'

export interface EngineDeps {
  db: Database
  /** This app's origin, for the OLLAMA_ORIGINS advice. */
  origin: string
  /** Only one tab serves: resolves with a release function, or null if another holds it. */
  acquireServeLock: () => Promise<(() => void) | null>
  /** Resolves with the lock once the tab serving now lets go of it; null if aborted first. */
  waitForServeLock?: (signal: AbortSignal) => Promise<(() => void) | null>
  /** Tells the other tabs' engines when this one saved settings, and hears theirs. */
  settingsChannel?: SettingsChannel
  WebSocket?: typeof WebSocket
  now?: () => number
}

export type Engine = Omit<EngineApi, 'subscribe'> & {
  subscribe: (listener: Parameters<EngineApi['subscribe']>[0]) => EngineSnapshot
  close(): Promise<void>
}

export const createEngine = async (deps: EngineDeps): Promise<Engine> => {
  const now = deps.now ?? Date.now
  const secrets = createSecretStore(deps.db)
  const kv = createKvStore(deps.db, secrets)
  const store = createJobStore(deps.db)
  const history = createJobQueries(deps.db)
  let settings = await kv.settings()
  let key = await loadOrCreateKey(kv)
  const initialCounts = await store.counts()
  // Jobs with an invoice out hold a place in the queue: once paid they must run.
  const awaitingPayment = new Set(
    (await store.unfinished()).filter((j) => j.state === 'awaiting-payment').map((j) => j.id),
  )
  const hub = createHub(
    {
      settings,
      provider: { pubkey: key.pubkey, npub: key.npub },
      state: 'offline',
      ollama: { state: 'checking', url: settings.ollamaUrl, models: [] },
      wallet: { state: 'connecting' },
      relays: [],
      counts: { ...initialCounts, dropped: 0 },
    },
    now,
  )
  const log = hub.log

  let pool: RelayPool | null = null
  let release: (() => void) | null = null
  let accepting = false
  const running = new Map<string, AbortController>()
  let discovery: ReturnType<typeof startDiscovery> | null = null

  const ctx: JobContext = {
    store,
    hub,
    key: () => key,
    settings: () => settings,
    ollama: () => hub.snapshot().ollama,
    pool: () => pool,
    now,
    models: {
      refresh: () => void refreshOllama(),
      markUnusable: (name, reason) => warmUp.markUnusable(name, reason),
    },
    onJournal: (before, after) => {
      if (after.state === 'awaiting-payment') awaitingPayment.add(after.id)
      else awaitingPayment.delete(after.id)
      history.noteChange()
      hub.update({ counts: countChange(hub.snapshot().counts, before, after) })
    },
  }

  const cancel = createCanceller(ctx, running)
  const payments: Payments = createPayments(ctx, {
    secrets,
    kv,
    // Capacity gates invoicing, never paid work: a settled job always gets its turn.
    onPaid: (job) => queue.push(job.id, { paid: true }),
    WebSocket: deps.WebSocket,
  })

  const queue = createJobQueue({
    concurrency: () => settings.concurrency,
    capacity: () => settings.queueCapacity,
    run: async (id) => {
      const job = await store.get(id)
      if (!job || isFinal(job.state)) return
      const abort = new AbortController()
      running.set(id, abort)
      try {
        await runJob(ctx, job, abort.signal)
      } catch (e) {
        if (!(e instanceof JobAborted)) log('error', `job ${id.slice(0, 8)}: ${errorText(e)}`)
      } finally {
        running.delete(id)
      }
    },
  })

  const ollamaWatch = createOllamaWatch({
    hub,
    settings: () => settings,
    origin: deps.origin,
    onReady: () => {
      discovery?.announceNow(false)
      if (hub.snapshot().state === 'online') warmUp.keepWarm()
    },
  })
  const refreshOllama = ollamaWatch.refresh
  const warmUp = createWarmUp({
    settings: () => settings,
    ollama: () => hub.snapshot().ollama,
    setOllama: (patch) => hub.update({ ollama: { ...hub.snapshot().ollama, ...patch } }),
    refresh: refreshOllama,
    log,
  })

  const models = createModelCommands({
    hub,
    settings: () => settings,
    refresh: refreshOllama,
    saveSettings: async (next) => {
      await persistSettings(next)
      adoptSettings(next)
    },
    now,
  })
  const testJobs = createTestJobs({
    online: () => hub.snapshot().state === 'online',
    relays: () => settings.relays,
    provider: () => key.pubkey,
    generationTimeoutMs: () => settings.generationTimeoutSeconds * 1000,
    log,
    ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
  })

  /** A request or frame dropped unanswered: said in the log, counted in the snapshot. */
  const countDrop = (reason: string) => {
    log('debug', reason)
    const { counts } = hub.snapshot()
    hub.update({ counts: { ...counts, dropped: counts.dropped + 1 } })
  }

  const market = await startMarket({
    db: deps.db,
    signAuth: relayKeys(
      () => key.secretKey,
      () => settings,
    ).signAuth,
    settings: () => settings,
    snapshot: () => hub.snapshot(),
    log,
    now,
    ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
  })

  const startRelays = () => {
    const notBefore = Math.floor(now() / 1000) - settings.lookbackSeconds
    const intake = createIntake({
      ...ctx,
      awaitingPayment: () => awaitingPayment.size,
      queue,
      notBefore,
      accepting: () => accepting,
      canInvoice: () => payments.session.wallet() !== null,
      invoiceRefusal: payments.invoiceRefusal,
      onAwaitingPayment: payments.awaitPayment,
      onDeletion: (event) =>
        void cancel(event).catch((e) => log('warn', `cancel: ${errorText(e)}`)),
      onDrop: countDrop,
      onOutcome: market.outcome,
    })
    pool = createRelayPool({
      urls: settings.relays,
      filters: [
        { kinds: [KIND_TEXT_REQUEST], since: notBefore },
        { kinds: [KIND_DELETION], since: notBefore },
      ],
      onEvent: intake,
      onStatus: (relays) => {
        const connected = relays.filter((r) => r.state === 'connected').length
        const before = hub.snapshot().relays.filter((r) => r.state === 'connected').length
        hub.update({ relays })
        if (connected > before) {
          discovery?.announceNow()
          void redeliver().catch((e) => log('warn', `resending results: ${errorText(e)}`))
        }
      },
      onDrop: (reason, relay) => countDrop(`${relay}: dropped an event: ${reason}`),
      log,
      ...relayKeys(
        () => key.secretKey,
        () => settings,
      ),
      ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
    })
  }

  const resumeJournal = async () => {
    for (const job of await store.unfinished()) {
      log('info', `resuming job ${job.id.slice(0, 8)} (${job.state})`)
      if (job.state === 'queued' || job.state === 'running')
        queue.push(job.id, { paid: job.paidMsats !== undefined })
      else if (job.state === 'awaiting-payment') await payments.resume(job)
    }
  }

  // A result no relay took stays journaled with its job running: send it again once one is back.
  const redeliver = async () => {
    for (const job of await store.unfinished())
      if (job.state === 'running' && job.resultEvent && !running.has(job.id))
        queue.push(job.id, { paid: job.paidMsats !== undefined })
  }

  const serve = async () => {
    await kv.setWantOnline(true)
    accepting = true
    startRelays()
    discovery = startDiscovery(discoveryDeps(ctx))
    hub.update({ state: 'online', stateReason: undefined })
    log('info', `online on ${settings.relays.length} relay(s) as ${key.npub}`)
    await resumeJournal()
  }

  // Another tab serves: wait for it to close (its lock goes with it), then serve from here if
  // the provider is still meant to be online (going offline there leaves it offline here).
  let handover: AbortController | null = null
  const awaitHandover = () => {
    if (!deps.waitForServeLock || handover) return
    const abort = (handover = new AbortController())
    const took = async (lock: (() => void) | null) => {
      if (handover === abort) handover = null
      if (!lock) return
      if (abort.signal.aborted || hub.snapshot().state !== 'serving-elsewhere') return lock()
      if (!(await kv.wantOnline())) {
        lock()
        return hub.update({ state: 'offline', stateReason: undefined })
      }
      release = lock
      log('info', 'the tab that was serving has closed: serving from this tab now')
      await serve()
    }
    deps
      .waitForServeLock(abort.signal)
      .then(took)
      .catch((e) => log('warn', `waiting to serve: ${errorText(e)}`))
  }

  const goOnline: Engine['goOnline'] = async () => {
    const state = hub.snapshot().state
    if (state === 'online' || state === 'going-online') return ok(state)
    const ollama =
      hub.snapshot().ollama.state === 'ready' ? hub.snapshot().ollama : await refreshOllama()
    if (ollama.state !== 'ready')
      return err(`Ollama is not ready: ${ollama.reason ?? ollama.state}`)
    if (!isFree(settings) && !payments.session.wallet())
      return err(
        'Paid jobs need a ready wallet. Connect one in the Wallet pane, or set both prices to 0.',
      )
    hub.update({ state: 'going-online', stateReason: undefined })
    release = await deps.acquireServeLock()
    if (!release) {
      hub.update({ state: 'serving-elsewhere', stateReason: 'Serving in another tab' })
      awaitHandover()
      return err('Serving in another tab: only one tab serves at a time.')
    }
    // The first customer must not wait for a model to load: load before taking jobs.
    const warmed = await warmUp.warmUp()
    if (hub.snapshot().state !== 'going-online') return err('Went offline while loading models.')
    if (!warmed.ok) {
      release()
      release = null
      hub.update({ state: 'offline', stateReason: warmed.error })
      return err(warmed.error)
    }
    await serve()
    return ok('online' as const)
  }

  const goOffline: Engine['goOffline'] = async () => {
    if (hub.snapshot().state === 'offline') return 'offline'
    handover?.abort()
    warmUp.stop()
    accepting = false
    await kv.setWantOnline(false)
    hub.update({ state: 'going-offline' })
    log('info', 'going offline: finishing accepted jobs')
    const saidOffline = discovery?.offline()
    discovery = null
    await queue.idle()
    await saidOffline
    pool?.close()
    pool = null
    release?.()
    release = null
    hub.update({ state: 'offline', relays: [] })
    log('info', 'offline')
    return 'offline'
  }

  const persistSettings = async (next: Settings) => {
    await kv.saveSettings(next)
    deps.settingsChannel?.saved()
  }

  /** New settings in force at once, whether saved in this tab or in another one. */
  const adoptSettings = (next: Settings) => {
    const before = settings
    settings = next
    hub.update({ settings })
    payments.session.refreshIdle()
    // Another Ollama, or another context window, may fit what did not.
    if (before.ollamaUrl !== settings.ollamaUrl || before.numCtx !== settings.numCtx)
      warmUp.clearUnusable()
    if (before.ollamaUrl !== settings.ollamaUrl) void refreshOllama()
    if (before.relays.join() !== settings.relays.join()) market.relaysChanged()
    if (pool && before.relays.join() !== settings.relays.join()) {
      pool.close()
      startRelays()
    }
    // Prices, relays or the profile may have changed: the listing says so now, not in 5 minutes.
    discovery?.announceNow(false)
  }

  const saveSettings: Engine['saveSettings'] = async (form) => {
    const parsed = parseSettingsForm(form, settings)
    if (!parsed.ok) return err(parsed.errors)
    await persistSettings(parsed.settings)
    adoptSettings(parsed.settings)
    log('info', 'settings saved')
    return ok(settings)
  }

  const stopHearingSettings = deps.settingsChannel?.onSaved(() => {
    kv.settings().then(
      (next) => {
        adoptSettings(next)
        log('info', 'settings saved in another tab: in force here now')
      },
      (e: unknown) => log('warn', `reading settings saved in another tab: ${errorText(e)}`),
    )
  })

  void Promise.all([refreshOllama(), payments.resumed]).then(async ([status]) => {
    if (status.state === 'ready' && (await kv.wantOnline())) {
      log('info', 'was online before this page loaded: going online again')
      const r = await goOnline()
      if (!r.ok) log('warn', r.error)
    }
  })

  return {
    subscribe(listener) {
      hub.subscribe(listener)
      return hub.snapshot()
    },
    snapshot: async () => hub.snapshot(),
    saveSettings,
    applySetupLink: createSetupLinkCommand({
      settings: () => settings,
      hasSavedSettings: kv.hasSavedSettings,
      saveSettings,
    }),
    goOnline,
    goOffline,
    checkOllama: refreshOllama,
    listJobs: ({ limit, state }) => store.list(Math.min(limit, 10_000), state),
    queryJobs: history.page,
    jobSummary: async () => ({
      ...(await history.summary()),
      satsEarned: hub.snapshot().counts.satsEarned,
    }),
    jobSeries: history.series,
    getJob: async (id) => (await store.get(id)) ?? null,
    recentLog: async () => hub.recentLog(),
    exportNsec: async () => encodeNsec(key.secretKey),
    async importNsec(text) {
      const parsed = parseNsec(text)
      if ('error' in parsed) return err(parsed.error)
      if (hub.snapshot().state !== 'offline')
        return err('Go offline before changing the provider key.')
      await kv.saveSecretKey(parsed)
      key = toProviderKey(parsed)
      hub.update({ provider: { pubkey: key.pubkey, npub: key.npub } })
      log('info', `provider key replaced: now ${key.npub}`)
      return ok({ npub: key.npub })
    },
    ...payments.commands,
    ...models.commands,
    sendTestJob: testJobs.sendTestJob,
    marketReport: async () => {
      market.begin()
      return market.report()
    },
    async close() {
      handover?.abort()
      stopHearingSettings?.()
      payments.stop()
      models.stop()
      warmUp.stop()
      testJobs.stop()
      ollamaWatch.stop()
      await market.stop()
      accepting = false
      for (const c of running.values()) c.abort(new JobAborted('engine closed'))
      discovery?.stop()
      pool?.close()
      pool = null
      release?.()
    },
  }
}
