/** The provider's key: the one place it is held, exported and replaced. */
import { err, ok } from '../../shared/result.ts'
import type { EngineApi, EngineSnapshot } from '../../shared/worker-api.ts'
import type { Log } from '../log.ts'
import type { KvStore } from '../store/kv-store.ts'
import { encodeNsec, parseNsec, toProviderKey, type ProviderKey } from './provider-key.ts'

export const createKeyCommands = (
  initial: ProviderKey,
  d: {
    kv: Pick<KvStore, 'saveSecretKey'>
    /** The key changes only while offline: jobs in flight are signed with the key they began with. */
    offline: () => boolean
    onChange: (provider: EngineSnapshot['provider']) => void
    log: Log
  },
) => {
  let key = initial
  const commands: Pick<EngineApi, 'exportNsec' | 'importNsec'> = {
    exportNsec: async () => encodeNsec(key.secretKey),
    async importNsec(text) {
      const parsed = parseNsec(text)
      if (!parsed.ok) return parsed
      if (!d.offline()) return err('Go offline before changing the provider key.')
      await d.kv.saveSecretKey(parsed.value)
      key = toProviderKey(parsed.value)
      d.onChange({ pubkey: key.pubkey, npub: key.npub })
      d.log('info', `provider key replaced: now ${key.npub}`)
      return ok({ npub: key.npub })
    },
  }
  return { key: () => key, commands }
}
