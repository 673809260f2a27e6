import type { SecretName, WalletKind, WalletStatus } from '../../../shared/worker-api.ts'

export const KIND_WORDS: Record<WalletKind, string> = {
  spark: 'Spark',
  nwc: 'Nostr Wallet Connect',
}

/** What the secret of each kind of wallet is called, and where the engine keeps it. */
export const SECRET_OF: Record<WalletKind, { name: SecretName; words: string; label: string }> = {
  spark: { name: 'spark-mnemonic', words: 'recovery phrase', label: 'Secret words of this wallet' },
  nwc: { name: 'nwc-uri', words: 'connection URI', label: 'Secret connection string' },
}

/** "Spark, mainnet" or "Nostr Wallet Connect — wss://relay": the kind, then what the engine adds. */
export const describeWallet = (kind: WalletKind, detail: string | undefined): string => {
  const name = KIND_WORDS[kind]
  if (detail === undefined || detail.trim() === '') return name
  return detail.toLowerCase().startsWith(name.toLowerCase()) ? detail : `${name} — ${detail}`
}

/**
 * A wallet the engine holds (working or not), as opposed to none being set up. A failed
 * attempt to connect also reports its kind, but without the detail a held wallet has.
 */
export const isConnected = (wallet: WalletStatus): wallet is WalletStatus & { kind: WalletKind } =>
  wallet.kind !== undefined &&
  (wallet.state === 'ready' || (wallet.state === 'error' && wallet.detail !== undefined))
