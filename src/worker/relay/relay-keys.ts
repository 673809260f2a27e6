/** What the provider's relay pool signs and mines with: its key, and the settings' limits. */
import { getPublicKey } from 'nostr-tools/pure'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import type { Settings } from '../../shared/settings.ts'
import { minePow } from './pow.ts'
import { signEvent } from './signatures.ts'
import type { RelayPoolOptions } from './relay-pool.ts'

export const relayKeys = (
  secretKey: () => Uint8Array,
  settings: () => Pick<Settings, 'allowPrivateRelays' | 'maxPowBits'>,
): Pick<RelayPoolOptions, 'signAuth' | 'mine' | 'maxPowBits' | 'allowPrivate'> => ({
  signAuth: (template) => signEvent(template, secretKey()),
  maxPowBits: () => settings().maxPowBits,
  allowPrivate: () => settings().allowPrivateRelays,
  // A mined copy is a new event (new id, new signature) for the relay that asked for work.
  mine: async (event, bits, signal) => {
    const { kind, created_at, tags, content } = event
    const key = secretKey()
    const mined = await minePow(
      { kind, created_at, tags, content },
      getPublicKey(key),
      bits,
      signal,
    )
    const { id: _, ...template } = mined
    return signEvent(template, key) as NostrEvent
  },
})
