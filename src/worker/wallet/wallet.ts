/**
 * One wallet interface for every backend (Spark, Nostr Wallet Connect). The engine only ever
 * trusts what the wallet itself reports: a lookup that says settled, or the wallet's own
 * signed payment notification. Never a customer's claim, never a zap receipt.
 */
export interface Invoice {
  /**
   * What lookupInvoice needs: the backend's own id (Spark) or the payment hash (NWC). An NWC
   * wallet that gave no hash (CoinOS) knows the invoice by its text: then id is the bolt11.
   */
  id: string
  bolt11: string
  paymentHash: string
  amountMsats: number
  /** ms epoch. */
  expiresAt: number
}

export type InvoiceState = 'pending' | 'settled' | 'expired' | 'failed'

export interface InvoiceStatus {
  state: InvoiceState
  amountMsats: number
  /** ms epoch, when settled. */
  settledAt?: number
}

export interface IncomingPayment {
  paymentHash: string
  amountMsats: number
  at: number
  /**
   * How the wallet told us. 'notification': an NWC payment_received signed by the wallet
   * service's key and encrypted to us, the wallet's own word, to be confirmed by one lookup.
   * 'lookup': the backend looked the invoice up itself and found it settled (Spark's events).
   */
  via: 'notification' | 'lookup'
}

/** A wallet failure a person can act on: `message` says what happened and what to do. */
export class WalletError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'unreachable'
      | 'timeout'
      | 'unsupported'
      | 'rejected'
      | 'invalid-response'
      | 'insufficient-funds'
      | 'rate-limited'
      | 'other' = 'other',
  ) {
    super(message)
    this.name = 'WalletError'
  }
}

/** When a wallet asked us to slow down: calls to it are paused until `until` (ms epoch). */
export interface Throttle {
  until: number
  reason: string
}

export interface Wallet {
  readonly kind: 'spark' | 'nwc'
  createInvoice(o: {
    amountMsats: number
    description: string
    expirySeconds: number
    signal: AbortSignal
  }): Promise<Invoice>
  lookupInvoice(
    invoice: Pick<Invoice, 'id' | 'paymentHash' | 'bolt11'>,
    signal: AbortSignal,
  ): Promise<InvoiceStatus>
  /**
   * Many invoices in one call (NWC list_transactions), when the wallet can: statuses by
   * invoice id, for those it listed. One that is missing is unknown, not unpaid. Absent when
   * the wallet cannot list.
   */
  lookupInvoices?(
    invoices: Pick<Invoice, 'id' | 'paymentHash' | 'bolt11' | 'expiresAt'>[],
    signal: AbortSignal,
  ): Promise<Map<string, InvoiceStatus>>
  /** What is known about the wallet and how it was learned, in words, when there is more to say. */
  readonly about?: string
  /** False when the connection may not pay invoices (receive-only NWC); absent: it may. */
  readonly canPay?: boolean
  /** The wallet tells of payments itself (notifications, SDK events): polling is a fallback. */
  readonly notifies: boolean
  /** Told when the wallet starts or stops throttling us (null: calls flow again). */
  onThrottle?(listener: (t: Throttle | null) => void): () => void
  /** The wallet's own pause, if it asked us to slow down and the pause is still on. */
  throttle?(): Throttle | null
  balance(signal: AbortSignal): Promise<{ msats: number }>
  payInvoice(bolt11: string, signal: AbortSignal): Promise<{ preimage?: string }>
  /** Incoming payments as the wallet itself reports them (see IncomingPayment.via). */
  onPayment(listener: (p: IncomingPayment) => void): () => void
  close(): void
}
