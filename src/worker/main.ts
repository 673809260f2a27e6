/** The engine worker's entry: open the database, start the engine, expose it with comlink. */
import { expose } from 'comlink'
import type { EngineApi } from '../shared/worker-api.ts'
import { createEngine } from './engine/engine.ts'
import { acquireServeLock } from './serve-lock.ts'
import { openDatabase } from './store/db.ts'

const engine = openDatabase().then((db) =>
  createEngine({ db, origin: self.location.origin, acquireServeLock }),
)

const api: EngineApi = {
  subscribe: async (listener) => (await engine).subscribe(listener),
  snapshot: async () => (await engine).snapshot(),
  saveSettings: async (form) => (await engine).saveSettings(form),
  applySetupLink: async (link) => (await engine).applySetupLink(link),
  goOnline: async () => (await engine).goOnline(),
  goOffline: async () => (await engine).goOffline(),
  checkOllama: async () => (await engine).checkOllama(),
  listJobs: async (query) => (await engine).listJobs(query),
  recentLog: async () => (await engine).recentLog(),
  exportNsec: async () => (await engine).exportNsec(),
  importNsec: async (nsec) => (await engine).importNsec(nsec),
}

expose(api)
