/** The payout wallet as the UI shows it, and the payments it settled. */

export type WalletState = 'not-needed' | 'not-connected' | 'connecting' | 'ready' | 'error'

export type WalletKind = 'spark' | 'nwc'
export type SparkNetwork = 'mainnet' | 'regtest'

export interface WalletStatus {
  state: WalletState
  kind?: WalletKind
  /** Spark's network, or the NWC wallet's relay, in words. */
  detail?: string
  reason?: string
  balanceSats?: number
  /** When the balance was last read from the wallet (ms epoch). */
  balanceReadAt?: number
  /**
   * False when this connection may not pay invoices (an NWC connection without pay_invoice,
   * as its info event or get_info says): there is no Withdraw then. Absent: it may.
   */
  canPay?: boolean
  /** What is known about the wallet and how it was learned (NWC without an info event). */
  about?: string
  /** While the wallet throttles us: calls to it wait until then (ms epoch), with why. */
  throttledUntil?: number
  throttleReason?: string
}

/** A settled incoming payment for a job, as the wallet reported it. */
export interface PaymentRecord {
  jobId: string
  amountSats: number
  at: number
}
