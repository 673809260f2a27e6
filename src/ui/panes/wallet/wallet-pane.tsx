import { useAtomValue } from 'jotai'
import { isFree } from '../../../shared/pricing.ts'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { snapshotPart } from '../../state/engine-atoms.ts'
import { NwcSetup } from './nwc-setup.tsx'
import { RecentPayments } from './recent-payments.tsx'
import { SparkSetup } from './spark-setup.tsx'
import { WalletSecret } from './wallet-secret.tsx'
import { WalletStatusBlock } from './wallet-status.tsx'
import { WithdrawForm } from './withdraw-form.tsx'
import { isConnected } from './wallet-words.ts'

const paneAtom = snapshotPart('wallet', 'settings')

/** The wallet that receives payments: its state, the ways to set one up, and what it received. */
export const WalletPane = () => {
  const snapshot = useAtomValue(paneAtom)
  if (snapshot === null) return <EngineStarting />
  const { wallet } = snapshot
  const free = isFree(snapshot.settings)
  const ready = wallet.state === 'ready'

  return (
    <div className="stack wallet-pane">
      <WalletStatusBlock wallet={wallet} free={free} />
      {isConnected(wallet) && <WalletSecret key={wallet.kind} kind={wallet.kind} />}
      {ready && wallet.canPay !== false && <WithdrawForm />}
      {ready && wallet.canPay === false && (
        <p className="hint">
          This connection may only receive: the wallet did not allow it to pay invoices, so there is
          no Withdraw here. Move sats out from the wallet itself.
        </p>
      )}
      {!ready && (
        <>
          {free && (
            <p className="hint">
              Jobs are free, so no wallet is needed now. A wallet set up here is used once you set a
              price in Settings.
            </p>
          )}
          {isConnected(wallet) && (
            <p className="hint">
              Setting up another wallet replaces this one: back up its secret first.
            </p>
          )}
          <SparkSetup locked={wallet.state === 'connecting'} />
          <NwcSetup locked={wallet.state === 'connecting'} />
        </>
      )}
      <RecentPayments />
    </div>
  )
}
