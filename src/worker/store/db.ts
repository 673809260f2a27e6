/**
 * The one owner of IndexedDB: schema, version and migrations live here and nowhere else.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { JobRecord, JobState } from '../../shared/job-state.ts'

export interface SellComputeDB extends DBSchema {
  jobs: {
    key: string
    value: JobRecord
    indexes: {
      receivedAt: number
      state: JobState
      // Version 2: a filter plus time order is one index range, so pages stay fast at 100k.
      'state-time': [JobState, number]
      'customer-time': [string, number]
      'model-time': [string, number]
      /** Settled payments only: a record without paidAt/paidMsats is not in it. */
      paid: [number, number]
    }
  }
  /** Small named values: settings, the provider key. */
  kv: { key: string; value: unknown }
}

export const DB_NAME = 'sell-compute'
export const DB_VERSION = 2

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
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app opened in another tab: let it upgrade. Holding on would
      // leave that tab waiting forever; this older tab's engine stops using the database.
      ;(event.target as IDBDatabase | null)?.close()
    },
  })
