/** The wallet, the payment watcher and the wallet commands, wired for the engine. */
import type { JobRecord } from '../../shared/job-state.ts'
import { err, ok } from '../../shared/result.ts'
import type { EngineApi } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { readBolt11 } from '../wallet/bolt11-amount.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { SecretStore } from '../store/secrets.ts'
import type { JobContext } from './context.ts'
import { invoiceJob } from './invoice-job.ts'
import { createInvoiceLimits } from './invoice-limits.ts'
import { createPaymentWatcher, type PaymentContext } from './payment.ts'
import { encodeNsec } from './provider-key.ts'
import { createWalletSession } from './wallet-session.ts'

const WITHDRAW_TIMEOUT_MS = 120_000
const WALLET_WAIT_MS = 30_000

type WalletCommands = Pick<
  EngineApi,
  | 'newSparkMnemonic'
  | 'connectSpark'
  | 'connectNwc'
  | 'disconnectWallet'
  | 'readInvoice'
  | 'withdraw'
  | 'recentPayments'
  | 'revealSecret'
>

export type Payments = ReturnType<typeof createPayments>

export const createPayments = (
  ctx: JobContext,
  o: {
    secrets: SecretStore
    kv: KvStore
    onPaid: (job: JobRecord) => void
    WebSocket: typeof WebSocket | undefined
  },
) => {
  const session = createWalletSession({
    secrets: o.secrets,
    kv: o.kv,
    log: ctx.hub.log,
    settings: ctx.settings,
    onStatus: (wallet) => {
      ctx.hub.update({ wallet })
      // Ready again, or a pause is over: what is due may be looked up now.
      if (wallet.state === 'ready' && wallet.throttledUntil === undefined) watcher.nudge()
    },
    onPayment: (p) => watcher.heard(p),
    ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
  })
  const pctx: PaymentContext = {
    ...ctx,
    wallet: session.wallet,
    onPaid: o.onPaid,
    onSettled: () => void session.refreshBalance(),
  }
  const watcher = createPaymentWatcher(pctx)
  const resuming = session.resume().catch((e) => ctx.hub.log('warn', `wallet: ${errorText(e)}`))

  // Invoices being made count as unpaid already: a burst must not slip past the limits.
  const making = new Map<string, number>()
  const awaitPayment = async (job: JobRecord) => {
    making.set(job.customer, (making.get(job.customer) ?? 0) + 1)
    try {
      const invoiced = await invoiceJob(pctx, job)
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
    settings: ctx.settings,
    unpaid,
    throttle: () => session.wallet()?.throttle?.() ?? null,
    now: ctx.now,
  })

  const commands: WalletCommands = {
    newSparkMnemonic: session.newSparkMnemonic,
    connectSpark: ({ mnemonic, network }) => session.connectSpark(mnemonic, network),
    connectNwc: session.connectNwc,
    disconnectWallet: session.disconnect,
    async readInvoice(bolt11) {
      const invoice = readBolt11(bolt11)
      return invoice
        ? ok({ amountMsats: invoice.amountMsats })
        : err('This is not a Lightning invoice. Check what was pasted.')
    },
    async withdraw(bolt11) {
      const wallet = session.wallet()
      if (!wallet) return err('No wallet is ready to pay from.')
      try {
        const paid = await wallet.payInvoice(
          bolt11.trim(),
          AbortSignal.timeout(WITHDRAW_TIMEOUT_MS),
        )
        ctx.hub.log('info', 'withdrawal paid')
        void session.refreshBalance()
        return ok(paid)
      } catch (e) {
        return err(`The payment did not go through: ${errorText(e)}`)
      }
    },
    async recentPayments() {
      const jobs = await ctx.store.list(500)
      return jobs
        .filter((j) => j.paidMsats)
        .slice(0, 50)
        .map((j) => ({
          jobId: j.id,
          amountSats: Math.floor((j.paidMsats ?? 0) / 1000),
          at: j.paidAt ?? j.receivedAt,
        }))
    },
    async revealSecret(name) {
      if (name === 'provider-key') return ok(encodeNsec(ctx.key().secretKey))
      const value = await o.secrets.get(name)
      return value ? ok(value) : err('Nothing is saved under that name.')
    },
  }

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
    commands,
    stop() {
      watcher.stop()
      session.close()
    },
  }
}
