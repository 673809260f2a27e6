/** The engine worker's entry: open the database, start the engine, expose it with comlink. */
import { expose } from 'comlink'
import type { EngineApi } from '../shared/worker-api.ts'
import { createEngine, type Engine } from './engine/engine.ts'
import { errorText } from './log.ts'
import { loadFastSignatures } from './relay/signatures.ts'
import { acquireServeLock, waitForServeLock } from './serve-lock.ts'
import { openDatabase } from './store/db.ts'
import { createJobsChannel } from './store/jobs-channel.ts'
import { createSettingsChannel } from './store/settings-channel.ts'

const BLOCKED =
  'Another tab has this app’s database open with an older version of Sell Compute, so this ' +
  'one cannot start. Close the other Sell Compute tabs, then reload this one.'

const unusable = (e: unknown) =>
  new Error(
    `This browser would not let Sell Compute use its database (IndexedDB): ${errorText(e)}. ` +
      'It keeps the job history there: allow site data for this site, and leave private ' +
      'browsing or free some disk space.',
  )

// libsecp256k1 in wasm signs and verifies several times faster than pure JS; it loads beside
// the database, and until it has (or if it cannot), nostr-tools' pure JS does the same work.
void loadFastSignatures().then((how) => {
  if (how !== 'wasm') console.warn(`signing and verifying in pure JS: ${how}`)
})

// Blocked by an older tab: say so now rather than wait forever, and never start an engine the
// UI has been told is not there (the database may open later, when that tab closes).
let gaveUp = false
const engine = new Promise<Engine>((resolve, reject) => {
  const blocked = () => {
    gaveUp = true
    reject(new Error(BLOCKED))
  }
  openDatabase(undefined, blocked).then(
    async (db) => {
      if (gaveUp) return db.close()
      createEngine({
        db,
        origin: self.location.origin,
        acquireServeLock,
        waitForServeLock,
        settingsChannel: createSettingsChannel(db.name),
        jobsChannel: createJobsChannel(db.name),
      }).then(
        resolve,
        // Most of a start is reading the database: a full or broken one fails here too.
        (e: unknown) =>
          reject(new Error(`Could not read the saved settings and jobs: ${errorText(e)}`)),
      )
    },
    (e: unknown) => reject(unusable(e)),
  )
})

type Command = (...args: unknown[]) => unknown

// Every command waits for the engine to have started, then runs on it; a failed start
// (IndexedDB blocked or full) rejects every call with its reason, which the UI shows.
const api = new Proxy({} as EngineApi, {
  get: (_, name: string) =>
    name === 'then'
      ? undefined
      : async (...args: unknown[]) => ((await engine)[name as keyof Engine] as Command)(...args),
})

expose(api)
// The same API on the worker's global scope, for a person at the devtools console and for the
// e2e suite through Playwright's worker handle (`await engine.whenIdle()` before counting).
Object.assign(self, { engine: api })
