/**
 * Secrets at rest (provider key, Spark mnemonic, NWC connection): AES-GCM under a
 * non-extractable WebCrypto key kept in IndexedDB. This keeps secrets out of plain-text
 * storage, logs and exports, and no script can read the key's bytes; but the key lives in the
 * same browser profile, so a copy of the whole profile (or script running in this origin) can
 * still decrypt them. Full-disk encryption is what protects a stolen disk (see SECURITY.md).
 */
import type { Database } from './db.ts'

export type SecretName = 'provider-key' | 'spark-mnemonic' | 'nwc-uri'

interface Sealed {
  iv: Uint8Array<ArrayBuffer>
  data: ArrayBuffer
}

export interface SecretStore {
  get(name: SecretName): Promise<string | undefined>
  put(name: SecretName, value: string): Promise<void>
  delete(name: SecretName): Promise<void>
}

const MASTER = 'secret-master-key'

export const createSecretStore = (db: Database): SecretStore => {
  let master: Promise<CryptoKey> | undefined
  const masterKey = () =>
    (master ??= (async () => {
      const existing = await db.get('kv', MASTER)
      if (existing instanceof CryptoKey) return existing
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ])
      await db.put('kv', key, MASTER)
      return key
    })())

  return {
    async get(name) {
      const sealed = (await db.get('kv', `secret:${name}`)) as Sealed | undefined
      if (!sealed) return undefined
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv },
        await masterKey(),
        sealed.data,
      )
      return new TextDecoder().decode(plain)
    },
    async put(name, value) {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await masterKey(),
        new TextEncoder().encode(value),
      )
      const sealed: Sealed = { iv, data }
      await db.put('kv', sealed, `secret:${name}`)
    },
    async delete(name) {
      await db.delete('kv', `secret:${name}`)
    },
  }
}
