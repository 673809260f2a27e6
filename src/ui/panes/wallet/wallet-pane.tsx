import { useAtomValue } from 'jotai'
import { isFree } from '../../../shared/pricing.ts'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { formatCount } from '../../format.ts'
import { snapshotAtom } from '../../state/engine-atoms.ts'
import { WALLET_WORDS } from '../../status-words.ts'

const KIND: Record<'spark' | 'nwc', string> = { spark: 'Spark', nwc: 'Nostr Wallet Connect' }

const WalletStatusLine = ({ snapshot }: { snapshot: EngineSnapshot }) => {
  const { wallet } = snapshot
  if (isFree(snapshot.settings) && wallet.state !== 'ready') {
    return (
      <div className="notice tone-good">
        <p className="notice-title">No wallet needed while jobs are free</p>
        <p className="muted">
          Both prices are 0, so customers are served without an invoice. Set a price in Settings to
          charge for jobs; paid jobs need a wallet to create invoices and see them paid.
        </p>
      </div>
    )
  }
  const { words, tone } = WALLET_WORDS[wallet.state]
  return (
    <div className={`notice tone-${tone}`}>
      <p className="notice-title">
        Wallet: {words}
        {wallet.kind !== undefined && ` (${KIND[wallet.kind]})`}
      </p>
      {wallet.state === 'ready' && wallet.balanceSats !== undefined && (
        <p>Balance: {formatCount(wallet.balanceSats)} sats</p>
      )}
      {wallet.reason !== undefined && <p className="reason">{wallet.reason}</p>}
    </div>
  )
}

/** The wallet that receives payments: its state, and the ways to set one up. */
export const WalletPane = () => {
  const snapshot = useAtomValue(snapshotAtom)
  if (snapshot === null) return <EngineStarting />
  return (
    <div className="stack">
      <WalletStatusLine snapshot={snapshot} />
      <p id="wallet-coming" className="hint">
        Wallet support arrives with paid jobs: these controls are not available yet.
      </p>
      <section className="wallet-option">
        <h3>Spark wallet</h3>
        <p className="muted">A self-custodial Lightning wallet kept in this browser.</p>
        <div className="form-actions">
          <button type="button" disabled aria-describedby="wallet-coming">
            Create wallet
          </button>
          <button type="button" disabled aria-describedby="wallet-coming">
            Restore wallet
          </button>
        </div>
      </section>
      <section className="wallet-option">
        <h3>Nostr Wallet Connect</h3>
        <div className="field">
          <label htmlFor="wallet-nwc-uri">Nostr Wallet Connect URI</label>
          <input
            id="wallet-nwc-uri"
            type="text"
            className="mono"
            placeholder="nostr+walletconnect://…"
            disabled
            aria-describedby="wallet-coming"
          />
        </div>
        <div className="form-actions">
          <button type="button" disabled aria-describedby="wallet-coming">
            Connect
          </button>
        </div>
      </section>
    </div>
  )
}
