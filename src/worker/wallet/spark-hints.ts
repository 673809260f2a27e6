import { errorText, type Log } from '../log.ts'
import type { SparkSdkWallet, TransferClaimedListener } from './spark-sdk.ts'
import type { IncomingPayment, Invoice, InvoiceStatus } from './wallet.ts'

// Bounds on the invoices we watch and look up per event: the job queue is bounded anyway.
const MAX_OPEN = 200
const MAX_CHECKED = 50

export interface PaymentHintsOptions {
  wallet: SparkSdkWallet
  lookup: (id: string, signal: AbortSignal) => Promise<InvoiceStatus>
  /** Aborts when the wallet closes. */
  signal: AbortSignal
  log: Log
}

/**
 * Turns Spark's `transfer:claimed` events into payments. The event names a Spark transfer,
 * not an invoice, so on each one we look up the invoices still open and report those Spark now
 * calls settled: each report is a lookup's answer already, so the engine need not ask again.
 */
export const createPaymentHints = ({ wallet, lookup, signal, log }: PaymentHintsOptions) => {
  const open = new Map<string, Pick<Invoice, 'paymentHash'>>()
  const listeners = new Set<(p: IncomingPayment) => void>()
  let checking = false
  let again = false

  const emit = (payment: IncomingPayment) => {
    for (const listener of listeners) {
      try {
        listener(payment)
      } catch (e) {
        log('warn', `A payment listener failed: ${errorText(e)}`)
      }
    }
  }

  const checkOpen = async (): Promise<void> => {
    // Claims come in bursts: one pass at a time, and one more if any arrived meanwhile.
    if (checking) {
      again = true
      return
    }
    checking = true
    try {
      do {
        again = false
        for (const [id, { paymentHash }] of [...open].slice(-MAX_CHECKED)) {
          if (signal.aborted) return
          try {
            const status = await lookup(id, signal)
            if (status.state === 'pending') continue
            open.delete(id)
            if (status.state === 'settled')
              emit({
                paymentHash,
                amountMsats: status.amountMsats,
                at: status.settledAt ?? Date.now(),
                via: 'lookup',
              })
          } catch (e) {
            if (!signal.aborted) log('debug', `Spark invoice ${id} not checked: ${errorText(e)}`)
          }
        }
      } while (again && !signal.aborted)
    } finally {
      checking = false
    }
  }

  const onClaimed: TransferClaimedListener = () => void checkOpen()
  wallet.on('transfer:claimed', onClaimed)

  return {
    watch(invoice: Pick<Invoice, 'id' | 'paymentHash'>) {
      open.set(invoice.id, { paymentHash: invoice.paymentHash })
      const oldest = open.keys().next()
      if (open.size > MAX_OPEN && !oldest.done) open.delete(oldest.value)
    },
    forget(id: string) {
      open.delete(id)
    },
    subscribe(listener: (p: IncomingPayment) => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    stop() {
      wallet.off('transfer:claimed', onClaimed)
      listeners.clear()
      open.clear()
    },
  }
}
