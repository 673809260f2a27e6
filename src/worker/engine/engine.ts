/**
 * The provider engine's composition root: it makes the stores and the hub, then each part with
 * the few functions it uses. Everything with an effect is a dependency, so Node tests drive
 * the same code.
 */
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { EngineApi, EngineSnapshot } from '../../shared/worker-api.ts'
import { startMarket } from '../market/market-wiring.ts'
import { relayKeys } from '../relay/relay-keys.ts'
import type { Database } from '../store/db.ts'
import { createJobQueries } from '../store/job-queries.ts'
import { createJobStore } from '../store/job-store.ts'
import { createKvStore } from '../store/kv-store.ts'
import { createSecretStore } from '../store/secrets.ts'
import type { SettingsChannel } from '../store/settings-channel.ts'
import { createActivity, whenIdle } from './activity.ts'
import { createControls } from './controls.ts'
import { createFigures } from './figures.ts'
import { createHub } from './hub.ts'
import { ENGINE_CLOSED } from './job-stop.ts'
import { createJobs } from './jobs.ts'
import { createKeyCommands } from './key-commands.ts'
import { createOllamaWatch } from './ollama-watch.ts'
import { createPayments } from './payments-wiring.ts'
import { loadOrCreateKey } from './provider-key.ts'
import { createReadApi } from './read-api.ts'
import { createServing } from './serving.ts'
import { createWalletCommands } from './wallet-commands.ts'
import { createWarmUp } from './warm-up.ts'

// The windowed figures look back at most a day and an hour (earned today, in the last hour).
const DAY_AND_HOUR_MS = 25 * 60 * 60_000

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
  const saved = await kv.settings()
  const key = await loadOrCreateKey(kv)
  const unfinished = await store.unfinished()
  const { earnedSince, ...stored } = await store.counts(now() - DAY_AND_HOUR_MS)
  const hub = createHub(
    {
      settings: saved,
      provider: { pubkey: key.pubkey, npub: key.npub },
      state: 'offline',
      ollama: { state: 'checking', url: saved.ollamaUrl, models: [] },
      wallet: { state: 'connecting' },
      relays: [],
      counts: { ...NO_COUNTS, ...stored },
    },
    now,
  )
  const { log } = hub
  const figures = createFigures({ hub, now, earnedSince })
  hub.update({ counts: figures.windowed(hub.snapshot().counts) })
  // The snapshot is the one owner of the provider's state: every part reads it from there.
  const settings = () => hub.snapshot().settings
  const installed = () => hub.snapshot().ollama.models
  let open = true
  const activity = createActivity()

  const keys = createKeyCommands(key, {
    kv,
    offline: () => hub.snapshot().state === 'offline',
    onChange: (provider) => hub.update({ provider }),
    log,
  })
  const secretKey = () => keys.key().secretKey
  const jobs = createJobs({
    store,
    history,
    hub,
    settings,
    ollama: () => hub.snapshot().ollama,
    models: {
      refresh: () => void ollamaWatch.refresh(),
      markUnusable: (name, reason) => warmUp.markUnusable(name, reason),
    },
    secretKey,
    pool: () => serving.pool(),
    now,
    figures,
    activity,
    awaitingAtStart: unfinished.filter((j) => j.state === 'awaiting-payment').map((j) => j.id),
  })
  const payments = createPayments({
    journal: jobs.journal,
    finish: jobs.finish,
    secrets,
    kv,
    log,
    settings,
    onWallet: (wallet) => hub.update({ wallet }),
    get: store.get,
    feedback: jobs.replies.feedback,
    now,
    onPaid: (job) => jobs.run(job),
    WebSocket: deps.WebSocket,
  })
  const ollamaWatch = createOllamaWatch({
    hub,
    settings,
    origin: deps.origin,
    onReady: () => {
      serving.announce()
      if (hub.snapshot().state === 'online') warmUp.keepWarm()
    },
  })
  const warmUp = createWarmUp({
    settings,
    ollama: () => hub.snapshot().ollama,
    setOllama: (patch) => hub.update({ ollama: { ...hub.snapshot().ollama, ...patch } }),
    refresh: ollamaWatch.refresh,
    log,
  })
  const serving = createServing({
    ...deps,
    hub,
    settings,
    installed,
    key: keys.key,
    store,
    kv,
    jobs,
    payments,
    ollama: async () =>
      hub.snapshot().ollama.state === 'ready' ? hub.snapshot().ollama : ollamaWatch.refresh(),
    open: () => open,
    activity,
    warmUp: () => warmUp.warmUp(),
    stopWarmUp: () => warmUp.stop(),
    onOutcome: (event, reason) => market.outcome(event, reason),
    market: { watch: () => market.feed.watch(), online: (on) => market.feed.online(on) },
    onRefused: figures.refused,
    testKeys: () => controls.testKeys(),
    now,
  })
  const market = await startMarket({
    db: deps.db,
    signAuth: relayKeys(secretKey, settings).signAuth,
    settings,
    snapshot: () => hub.snapshot(),
    log,
    now,
    ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
  })
  const controls = createControls({
    ...deps,
    hub,
    kv,
    settings,
    pubkey: () => keys.key().pubkey,
    refreshOllama: ollamaWatch.refresh,
    clearUnusable: () => warmUp.clearUnusable(),
    refreshWallet: () => payments.session.refreshIdle(),
    relaysChanged: () => {
      market.relaysChanged()
      serving.restartRelays()
    },
    announce: () => serving.announce(),
    now,
  })

  void Promise.all([ollamaWatch.refresh(), payments.resumed]).then(([ollama]) =>
    ollama.state === 'ready' ? serving.comeBack() : undefined,
  )

  return {
    subscribe(listener) {
      hub.subscribe(listener)
      return hub.snapshot()
    },
    snapshot: async () => hub.snapshot(),
    ...controls.commands,
    marketReport: async () => {
      market.begin()
      return market.report()
    },
    goOnline: serving.goOnline,
    goOffline: serving.goOffline,
    checkOllama: ollamaWatch.refresh,
    whenIdle: () => whenIdle(activity, jobs.queue),
    ...createReadApi({
      store,
      history,
      satsEarned: () => hub.snapshot().counts.satsEarned,
      recentLog: hub.recentLog,
    }),
    ...keys.commands,
    ...createWalletCommands({
      session: payments.session,
      secrets,
      secretKey,
      list: store.list,
      log,
    }),
    async close() {
      open = false
      figures.stop()
      payments.stop()
      controls.stop()
      warmUp.stop()
      ollamaWatch.stop()
      await market.stop()
      jobs.queue.abortAll(ENGINE_CLOSED)
      serving.close()
    },
  }
}
