/** The engine worker's entry: open the database, start the engine, expose it with comlink. */
import { expose } from 'comlink'
import type { EngineApi } from '../shared/worker-api.ts'
import { createEngine, type Engine } from './engine/engine.ts'
import { acquireServeLock } from './serve-lock.ts'
import { openDatabase } from './store/db.ts'

const engine = openDatabase().then((db) =>
  createEngine({ db, origin: self.location.origin, acquireServeLock }),
)

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
