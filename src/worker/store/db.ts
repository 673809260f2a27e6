/**
 * The one owner of IndexedDB: schema, version and migrations live here and nowhere else.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { JobRecord, JobState } from '../../shared/job-state.ts'

export interface SellComputeDB extends DBSchema {
  jobs: {
    key: string
    value: JobRecord
    indexes: { receivedAt: number; state: JobState }
  }
  /** Small named values: settings, the provider key. */
  kv: { key: string; value: unknown }
}

export const DB_NAME = 'sell-compute'
export const DB_VERSION = 1

export type Database = IDBPDatabase<SellComputeDB>

export const openDatabase = (name = DB_NAME): Promise<Database> =>
  openDB<SellComputeDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each step migrates one version forward; never edit a released step.
      if (oldVersion < 1) {
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' })
        jobs.createIndex('receivedAt', 'receivedAt')
        jobs.createIndex('state', 'state')
        db.createObjectStore('kv')
      }
    },
    blocking() {
      // A newer version of the app opened in another tab: let it upgrade.
      void 0
    },
  })
