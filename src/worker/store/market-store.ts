import type { Database } from './db.ts'

/** The market tally between visits: one small record, rewritten whole (a few hundred kB at most). */
export interface MarketStore {
  load(): Promise<unknown>
  save(tally: unknown): Promise<void>
}

const KEY = 'market'

export const createMarketStore = (db: Database): MarketStore => ({
  load: () => db.get('kv', KEY),
  async save(tally) {
    await db.put('kv', tally, KEY)
  },
})
