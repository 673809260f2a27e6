import { useRef, useState } from 'react'
import type { WalletKind, WalletStatus } from '../../../shared/worker-api.ts'
import { formatAgo, formatCount } from '../../format.ts'
import { useNow } from '../../components/use-now.ts'
import { WALLET_WORDS } from '../../status-words.ts'
import { useCommand } from '../../components/use-command.ts'
import { ConfirmStep } from '../../components/confirm-step.tsx'
import { InlineError } from './inline-error.tsx'
import { describeWallet, isConnected } from './wallet-words.ts'

const FORGETS: Record<WalletKind, string> = {
  spark:
    'This browser forgets the wallet’s recovery phrase. The funds stay in the wallet, reachable only with the phrase you wrote down.',
  nwc: 'This browser forgets the connection URI. The wallet itself and its funds are not touched.',
}

const Disconnect = ({ kind }: { kind: WalletKind }) => {
  const [confirming, setConfirming] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const { busy, error, run } = useCommand()

  const cancel = () => {
    setConfirming(false)
    trigger.current?.focus()
  }
  const disconnect = async () => {
    await run('disconnectWallet')
    setConfirming(false)
  }

  return (
    <div className="wallet-disconnect">
      <button
        ref={trigger}
        type="button"
        className="small"
        aria-expanded={confirming}
        onClick={() => (confirming ? cancel() : setConfirming(true))}
      >
        Disconnect wallet
      </button>
      {confirming && (
        <ConfirmStep
          question="Disconnect this wallet?"
          confirmLabel="Confirm disconnect"
          cancelLabel="Keep wallet"
          busy={busy}
          onConfirm={() => void disconnect()}
          onCancel={cancel}
        >
          <p>{FORGETS[kind]} Paid jobs cannot be served until a wallet is connected again.</p>
        </ConfirmStep>
      )}
      <InlineError error={error} />
    </div>
  )
}

/**
 * The balance as the wallet last reported it, and how long ago: it is read when a payment
 * settles and every minute, and a wallet may take a while to count a payment in.
 */
const Balance = ({ sats, readAt }: { sats: number; readAt: number | undefined }) => {
  const now = useNow(readAt !== undefined, 15_000)
  return (
    <p className="wallet-balance">
      Balance <strong>{formatCount(sats)} sats</strong>
      {readAt !== undefined && (
        <span className="muted" title={new Date(readAt).toLocaleString()}>
          {' '}
          · read {formatAgo(readAt, Math.max(now, readAt))}
        </span>
      )}
    </p>
  )
}

/** The wallet's state in words, which wallet it is, its balance, and the way out. */
export const WalletStatusBlock = ({ wallet, free }: { wallet: WalletStatus; free: boolean }) => {
  // Until the engine has caught up with a price change, free means no wallet is needed.
  const state = free && wallet.state === 'not-connected' ? 'not-needed' : wallet.state
  const { words, tone } = WALLET_WORDS[state]
  const reason = state === 'not-needed' || state === 'ready' ? undefined : wallet.reason
  return (
    <section className={`notice wallet-status tone-${tone}`} aria-label="Wallet status">
      <p className="notice-title wallet-state">
        <span className="dot" aria-hidden="true" />
        <span role="status">{words}</span>
      </p>
      {wallet.kind !== undefined && (
        <p className="break">{describeWallet(wallet.kind, wallet.detail)}</p>
      )}
      {state === 'ready' && wallet.balanceSats !== undefined && (
        <Balance sats={wallet.balanceSats} readAt={wallet.balanceReadAt} />
      )}
      {state === 'ready' && wallet.throttledUntil !== undefined && (
        <p className="wallet-throttled break">
          <strong>
            The wallet is throttling this app: no calls to it until{' '}
            {new Date(wallet.throttledUntil).toLocaleTimeString()}.
          </strong>{' '}
          {wallet.throttleReason}
        </p>
      )}
      {wallet.about !== undefined && <p className="wallet-about break">{wallet.about}</p>}
      {reason !== undefined && reason !== '' && <p className="reason break">{reason}</p>}
      {isConnected(wallet) && <Disconnect kind={wallet.kind} />}
    </section>
  )
}
