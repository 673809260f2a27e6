/**
 * The one owner of IndexedDB: schema, version and migrations live here and nowhere else.
 */
import { openDB, type IDBPDatabase } from 'idb'
import type { SellComputeDB } from './schema.ts'
import { eventsAsObjects } from './events-as-objects.ts'

export type { SellComputeDB } from './schema.ts'

export const DB_NAME = 'sell-compute'
export const DB_VERSION = 3

export type Database = IDBPDatabase<SellComputeDB>

/** `onBlocked`: an older tab keeps the database open, so this one cannot upgrade it yet. */
export const openDatabase = (name = DB_NAME, onBlocked?: () => void): Promise<Database> =>
  openDB<SellComputeDB>(name, DB_VERSION, {
    ...(onBlocked ? { blocked: onBlocked } : {}),
    upgrade(db, oldVersion, _newVersion, tx) {
      // Each step migrates one version forward; never edit a released step.
      if (oldVersion < 1) {
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' })
        jobs.createIndex('receivedAt', 'receivedAt')
        jobs.createIndex('state', 'state')
        db.createObjectStore('kv')
      }
      if (oldVersion < 2) {
        const jobs = tx.objectStore('jobs')
        jobs.createIndex('state-time', ['state', 'receivedAt'])
        jobs.createIndex('customer-time', ['customer', 'receivedAt'])
        jobs.createIndex('model-time', ['model', 'receivedAt'])
        jobs.createIndex('paid', ['paidAt', 'paidMsats'])
      }
      if (oldVersion < 3) {
        db.createObjectStore('unreadable')
        // The versionchange transaction stays open while only its own requests are awaited.
        // A failed step aborts the upgrade (version 2 stays as it was) and openDB rejects.
        eventsAsObjects(tx).catch(() => undefined)
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app opened in another tab: let it upgrade. Holding on would
      // leave that tab waiting forever; this older tab's engine stops using the database.
      ;(event.target as IDBDatabase | null)?.close()
    },
  })
