/** The database's shape at the current version; its migrations are in db.ts. */
import type { DBSchema } from 'idb'
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
  /** Version 3: jobs whose stored events could not be read, kept aside whole (key: job id). */
  unreadable: { key: string; value: { record: unknown; reason: string } }
}
