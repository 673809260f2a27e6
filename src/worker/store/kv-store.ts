import type { Database } from './db.ts'
import { normalizeSettings, type Settings } from '../../shared/settings.ts'

export interface KvStore {
  settings(): Promise<Settings>
  saveSettings(s: Settings): Promise<void>
  secretKey(): Promise<Uint8Array | undefined>
  saveSecretKey(key: Uint8Array): Promise<void>
  /** Whether the provider was online when the page last closed: it comes back online. */
  wantOnline(): Promise<boolean>
  setWantOnline(on: boolean): Promise<void>
}

export const createKvStore = (db: Database): KvStore => ({
  async settings() {
    return normalizeSettings(await db.get('kv', 'settings'))
  },
  async saveSettings(s) {
    await db.put('kv', s, 'settings')
  },
  async secretKey() {
    const v = await db.get('kv', 'provider-key')
    return v instanceof Uint8Array && v.length === 32 ? v : undefined
  },
  async saveSecretKey(key) {
    await db.put('kv', key, 'provider-key')
  },
  async wantOnline() {
    return (await db.get('kv', 'want-online')) === true
  },
  async setWantOnline(on) {
    await db.put('kv', on, 'want-online')
  },
})
