import { bytesToHex, hexToBytes } from 'nostr-tools/utils'
import type { Database } from './db.ts'
import type { SecretStore } from './secrets.ts'
import type { SparkNetwork, WalletKind } from '../../shared/worker-api.ts'
import { normalizeSettings, type Settings } from '../../shared/settings.ts'

export interface KvStore {
  settings(): Promise<Settings>
  saveSettings(s: Settings): Promise<void>
  /** False on a first run: nothing has been saved yet (not even by a setup link). */
  hasSavedSettings(): Promise<boolean>
  secretKey(): Promise<Uint8Array | undefined>
  saveSecretKey(key: Uint8Array): Promise<void>
  /** Whether the provider was online when the page last closed: it comes back online. */
  wantOnline(): Promise<boolean>
  setWantOnline(on: boolean): Promise<void>
  /** Which wallet to reconnect on start; its secret is in the secret store. */
  wallet(): Promise<SavedWallet | null>
  setWallet(w: SavedWallet | null): Promise<void>
}

export interface SavedWallet {
  kind: WalletKind
  network?: SparkNetwork
}

export const createKvStore = (db: Database, secrets: SecretStore): KvStore => ({
  async settings() {
    return normalizeSettings(await db.get('kv', 'settings'))
  },
  async saveSettings(s) {
    await db.put('kv', s, 'settings')
  },
  async hasSavedSettings() {
    return (await db.get('kv', 'settings')) !== undefined
  },
  async secretKey() {
    const hex = await secrets.get('provider-key')
    return hex && /^[0-9a-f]{64}$/.test(hex) ? hexToBytes(hex) : undefined
  },
  async saveSecretKey(key) {
    await secrets.put('provider-key', bytesToHex(key))
  },
  async wantOnline() {
    return (await db.get('kv', 'want-online')) === true
  },
  async setWantOnline(on) {
    await db.put('kv', on, 'want-online')
  },
  async wallet() {
    const w = (await db.get('kv', 'wallet')) as SavedWallet | undefined
    return w && (w.kind === 'nwc' || w.kind === 'spark') ? w : null
  },
  async setWallet(w) {
    await db.put('kv', w, 'wallet')
  },
})
