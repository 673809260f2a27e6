/**
 * What the engine holds from the start: the stores over the database, the hub with the first
 * snapshot read from what was saved (settings, the journal's counts, with the windowed figures
 * applied), and the provider key (loaded or made, then held by key-commands.ts).
 */
import { NO_COUNTS } from '../../shared/engine-counts.ts'
import type { Database } from '../store/db.ts'
import { createJobQueries } from '../store/job-queries.ts'
import { createJobStore } from '../store/job-store.ts'
import type { JobsChannel } from '../store/jobs-channel.ts'
import { createKvStore } from '../store/kv-store.ts'
import { createStateTally } from '../store/state-tally.ts'
import { createSecretStore } from '../store/secrets.ts'
import { createFigures } from './figures.ts'
import { createHub } from './hub.ts'
import { createKeyCommands } from './key-commands.ts'
import { loadOrCreateKey } from './provider-key.ts'

// The windowed figures look back at most a day and an hour (earned today, in the last hour).
const DAY_AND_HOUR_MS = 25 * 60 * 60_000

export const openEngineState = async (db: Database, now: () => number, jobs?: JobsChannel) => {
  const secrets = createSecretStore(db)
  const kv = createKvStore(db, secrets)
  const store = createJobStore(db)
  const saved = await kv.settings()
  const key = await loadOrCreateKey(kv)
  const unfinished = await store.unfinished()
  const { earnedSince, byState, ...stored } = await store.counts(now() - DAY_AND_HOUR_MS)
  const history = createJobQueries(db, createStateTally(byState), {
    now,
    ...(jobs ? { onChange: jobs.wrote } : {}),
  })
  jobs?.onWrote(history.othersWrote)
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
  const figures = createFigures({ hub, now, earnedSince })
  hub.update({ counts: figures.windowed(hub.snapshot().counts) })
  const keys = createKeyCommands(key, {
    kv,
    offline: () => hub.snapshot().state === 'offline',
    onChange: (provider) => hub.update({ provider }),
    log: hub.log,
  })
  return {
    secrets,
    kv,
    store,
    history,
    keys,
    hub,
    figures,
    /** Jobs with an invoice out when the engine started: they keep their place in the queue. */
    awaitingAtStart: unfinished.filter((j) => j.state === 'awaiting-payment').map((j) => j.id),
  }
}
