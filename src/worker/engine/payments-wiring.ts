/** The wallet and the payment watcher, wired for the engine: invoice, watch, resume. */
import type { JobRecord } from '../../shared/job-state.ts'
import type { Settings } from '../../shared/settings.ts'
import type { WalletStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { SecretStore } from '../store/secrets.ts'
import type { Finish } from './finish.ts'
import type { Journal } from './journal.ts'
import { invoiceJob } from './invoice-job.ts'
import { createInvoiceLimits } from './invoice-limits.ts'
import { createPaymentWatcher } from './payment.ts'
import type { Replies } from './replies.ts'
import { createWalletSession } from './wallet-session.ts'

const WALLET_WAIT_MS = 30_000

export interface PaymentsDeps {
  secrets: SecretStore
  kv: KvStore
  log: Log
  settings: () => Settings
  onWallet: (status: WalletStatus) => void
  get: (id: string) => Promise<JobRecord | undefined>
  journal: Pick<Journal, 'write'>
  feedback: Replies['feedback']
  finish: Finish
  now: () => number
  /** The job is paid and journaled as queued: run it. */
  onPaid: (job: JobRecord) => void
  WebSocket: typeof WebSocket | undefined
}

export type Payments = ReturnType<typeof createPayments>

export const createPayments = (d: PaymentsDeps) => {
  const session = createWalletSession({
    secrets: d.secrets,
    kv: d.kv,
    log: d.log,
    settings: d.settings,
    onStatus: (wallet) => {
      d.onWallet(wallet)
      // Ready again, or a pause is over: what is due may be looked up now.
      if (wallet.state === 'ready' && wallet.throttledUntil === undefined) watcher.nudge()
    },
    onPayment: (p) => watcher.heard(p),
    ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
  })
  const watcher = createPaymentWatcher({
    ...d,
    wallet: session.wallet,
    onSettled: () => void session.refreshBalance(),
  })
  const resuming = session.resume().catch((e) => d.log('warn', `wallet: ${errorText(e)}`))
  const invoiceDeps = {
    ...d,
    wallet: session.wallet,
    invoiceExpirySeconds: () => d.settings().invoiceExpirySeconds,
  }

  // Invoices being made count as unpaid already: a burst must not slip past the limits.
  const making = new Map<string, number>()
  const awaitPayment = async (job: JobRecord) => {
    making.set(job.customer, (making.get(job.customer) ?? 0) + 1)
    try {
      const invoiced = await invoiceJob(invoiceDeps, job)
      if (invoiced.state === 'awaiting-payment') watcher.watch(invoiced)
    } finally {
      const left = (making.get(job.customer) ?? 1) - 1
      if (left > 0) making.set(job.customer, left)
      else making.delete(job.customer)
    }
  }
  const unpaid = (customer?: string) =>
    watcher.unpaid(customer) +
    (customer === undefined
      ? [...making.values()].reduce((a, b) => a + b, 0)
      : (making.get(customer) ?? 0))
  const invoiceRefusal = createInvoiceLimits({
    settings: d.settings,
    unpaid,
    throttle: () => session.wallet()?.throttle?.() ?? null,
    now: d.now,
  })

  return {
    session,
    /** Settles once the wallet saved last time has reconnected (or failed to). */
    resumed: resuming,
    awaitPayment,
    /** Unpaid invoices now (being made or awaiting payment), in all or for one customer. */
    unpaid,
    /** Why a customer's paid request gets no invoice now, or null (invoice-limits.ts). */
    invoiceRefusal,
    /** After a reload: keep watching an invoice already sent, or make the one never sent. */
    async resume(job: JobRecord) {
      await resuming
      if (job.invoice) return watcher.watch(job, { resumed: true })
      await session.whenReady(WALLET_WAIT_MS)
      await awaitPayment(job)
    },
    stop() {
      watcher.stop()
      session.close()
    },
  }
}
