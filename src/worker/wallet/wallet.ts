/**
 * One wallet interface for every backend (Spark, Nostr Wallet Connect). The engine only ever
 * trusts what the wallet itself reports: an invoice is paid when lookupInvoice says settled.
 */
export interface Invoice {
  /** What lookupInvoice needs: the backend's own id (Spark) or the payment hash (NWC). */
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
      | 'other' = 'other',
  ) {
    super(message)
    this.name = 'WalletError'
  }
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
  balance(signal: AbortSignal): Promise<{ msats: number }>
  payInvoice(bolt11: string, signal: AbortSignal): Promise<{ preimage?: string }>
  /** Incoming payments as the wallet reports them; a hint to look up, never proof of payment. */
  onPayment(listener: (p: IncomingPayment) => void): () => void
  close(): void
}
