import { isFree } from '../../../shared/pricing.ts'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { ReadinessLine } from '../../components/readiness-line.tsx'
import { formatCount } from '../../format.ts'
import { SELLING_FREE, WALLET_WORDS } from '../../status-words.ts'

const NEEDS_WALLET_FIX =
  'Paid jobs need a wallet to create invoices: set one up in the Wallet pane, or set both prices to 0 in Settings to serve for free.'

export const WalletLine = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'wallet' | 'settings'>
}) => {
  const { wallet, settings } = snapshot
  const free = isFree(settings)

  if (wallet.state === 'ready') {
    const balance =
      wallet.balanceSats === undefined
        ? undefined
        : `Balance ${formatCount(wallet.balanceSats)} sats`
    return <ReadinessLine label="Wallet" state="Ready" tone="good" detail={balance} />
  }
  if (free) {
    return (
      <ReadinessLine
        label="Wallet"
        state={SELLING_FREE}
        tone="idle"
        fix="Both prices are 0, so no wallet is needed. To earn sats, set a price in Settings and a wallet in the Wallet pane."
      />
    )
  }
  const { words, tone } = WALLET_WORDS[wallet.state]
  return (
    <ReadinessLine
      label="Wallet"
      state={words}
      tone={tone === 'idle' ? 'bad' : tone}
      // Not connected: the fix says it all; the engine's reason would say it a second time.
      reason={wallet.state === 'not-connected' ? undefined : wallet.reason}
      fix={wallet.state === 'connecting' ? undefined : NEEDS_WALLET_FIX}
    />
  )
}
