/** The provider's state as one snapshot; the UI mirrors it slice by slice. */
import type { EngineCounts } from './engine-counts.ts'
import type { OllamaStatus } from './ollama-status.ts'
import type { ProviderState } from './provider-state.ts'
import type { RelayStatus } from './relay-status.ts'
import type { Settings } from './settings.ts'
import type { WalletStatus } from './wallet-status.ts'

export type { EngineCounts } from './engine-counts.ts'

export interface EngineSnapshot {
  settings: Settings
  provider: { pubkey: string; npub: string }
  state: ProviderState
  /** Why the last Go Online failed, or why we are offline. */
  stateReason?: string
  ollama: OllamaStatus
  wallet: WalletStatus
  relays: RelayStatus[]
  counts: EngineCounts
}

/** The parts of the snapshot that changed, and only those; counts come as their own event. */
export type SnapshotSlices = Partial<Omit<EngineSnapshot, 'counts'>>
