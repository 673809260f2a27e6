/**
 * The provider engine's composition root: it opens the stores and the hub (engine-state.ts),
 * then makes each part with the few functions it uses. Everything with an effect is a
 * dependency, so Node tests drive the same code.
 */
import type { EngineApi, EngineSnapshot } from '../../shared/worker-api.ts'
import { startMarket } from '../market/market-wiring.ts'
import { relayKeys } from '../relay/relay-keys.ts'
import type { Database } from '../store/db.ts'
import type { SettingsChannel } from '../store/settings-channel.ts'
import { createActivity, whenIdle } from './activity.ts'
import { createControls } from './controls.ts'
import type { JobsChannel } from '../store/jobs-channel.ts'
import { openEngineState } from './engine-state.ts'
import { ENGINE_CLOSED } from './job-stop.ts'
import { createJobs } from './jobs.ts'
import { createOllama } from './ollama-wiring.ts'
import { createPayments } from './payments-wiring.ts'
import type { LifecycleDeps } from './provider-lifecycle.ts'
import { createReadApi } from './read-api.ts'
import { createServing } from './serving.ts'
import { createWalletCommands } from './wallet-commands.ts'

export interface EngineDeps extends Pick<LifecycleDeps, 'acquireServeLock' | 'waitForServeLock'> {
  db: Database
  /** This app's origin, for the OLLAMA_ORIGINS advice. */
  origin: string
  /** Tells the other tabs' engines when this one saved settings, and hears theirs. */
  settingsChannel?: SettingsChannel
  /** Tells the other tabs' engines when this one wrote jobs, and hears theirs. */
  jobsChannel?: JobsChannel
  WebSocket?: typeof WebSocket
  now?: () => number
}

export type Engine = Omit<EngineApi, 'subscribe'> & {
  subscribe: (listener: Parameters<EngineApi['subscribe']>[0]) => EngineSnapshot
  close(): Promise<void>
}

export const createEngine = async (deps: EngineDeps): Promise<Engine> => {
  const { acquireServeLock, waitForServeLock, settingsChannel, WebSocket } = deps
  const now = deps.now ?? Date.now
  const state = await openEngineState(deps.db, now, deps.jobsChannel)
  const { secrets, kv, store, history, keys, hub, figures } = state
  const { log } = hub
  // The snapshot is the one owner of the provider's state: every part reads it from there.
  const settings = () => hub.snapshot().settings
  let open = true
  const activity = createActivity()

  const secretKey = () => keys.key().secretKey
  const ollama = createOllama({
    hub,
    settings,
    origin: deps.origin,
    onReady: () => serving.announce(),
  })
  const jobs = createJobs({
    store,
    history,
    hub,
    settings,
    ollama: () => hub.snapshot().ollama,
    models: { refresh: () => void ollama.refresh(), markUnusable: ollama.markUnusable },
    secretKey,
    pool: () => serving.pool(),
    now,
    figures,
    activity,
    awaitingAtStart: state.awaitingAtStart,
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
    WebSocket,
  })
  const serving = createServing({
    acquireServeLock,
    waitForServeLock,
    hub,
    settings,
    installed: () => hub.snapshot().ollama.models,
    key: keys.key,
    store,
    kv,
    jobs,
    payments,
    ollama: ollama.status,
    open: () => open,
    activity,
    warmUp: ollama.warmUp,
    stopWarmUp: ollama.stopWarmUp,
    onOutcome: (event, reason) => market.outcome(event, reason),
    market: { watch: () => market.feed.watch(), online: (on) => market.feed.online(on) },
    onRefused: figures.refused,
    testKeys: () => controls.testKeys(),
    now,
    WebSocket,
  })
  const market = await startMarket({
    db: deps.db,
    signAuth: relayKeys(secretKey, settings).signAuth,
    settings,
    snapshot: () => hub.snapshot(),
    log,
    now,
    ...(WebSocket ? { WebSocket } : {}),
  })
  const controls = createControls({
    hub,
    kv,
    settingsChannel,
    settings,
    pubkey: () => keys.key().pubkey,
    refreshOllama: ollama.refresh,
    clearUnusable: ollama.clearUnusable,
    refreshWallet: () => payments.session.refreshIdle(),
    relaysChanged: () => {
      market.relaysChanged()
      serving.restartRelays()
    },
    announce: () => serving.announce(),
    now,
    WebSocket,
  })

  void Promise.all([ollama.refresh(), payments.resumed]).then(([status]) =>
    status.state === 'ready' ? serving.comeBack() : undefined,
  )

  return {
    ...createReadApi({ hub, market, store, history }),
    ...controls.commands,
    goOnline: serving.goOnline,
    goOffline: serving.goOffline,
    checkOllama: ollama.refresh,
    whenIdle: () => whenIdle(activity, jobs.queue),
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
      ollama.stop()
      await market.stop()
      jobs.queue.abortAll(ENGINE_CLOSED)
      serving.close()
    },
  }
}
