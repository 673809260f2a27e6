/**
 * Paid jobs: one invoice per request, ever; work starts only when the wallet itself reports
 * the invoice settled. The wallet's notifications drive settlement, confirmed by one lookup;
 * lookups otherwise back off and share one budget per wallet (payment-rules.ts).
 */
import type { JobRecord } from '../../shared/job-state.ts'
import { createRateLimiter } from '../../shared/rate-limit.ts'
import { errorText } from '../log.ts'
import type { IncomingPayment, InvoiceStatus, Wallet } from '../wallet/wallet.ts'
import type { Log } from '../log.ts'
import type { Finish } from './finish.ts'
import type { Journal } from './journal.ts'
import type { Replies } from './replies.ts'
import { settleLate } from './payment-late.ts'
import {
  LOOKUPS_PER_MINUTE,
  judgeLookup,
  nextLookupAt,
  type Verdict,
  type Watch,
} from './payment-rules.ts'

const LOOKUP_TIMEOUT_MS = 10_000
const NO_WALLET_RETRY_MS = 5_000
const LATE_LIMIT = 1000

/** Runs `fn` after `ms`; returns a cancel. Tests pass a clock they step by hand. */
export type Schedule = (fn: () => Promise<void>, ms: number) => () => void
const realSchedule: Schedule = (fn, ms) => {
  const handle = setTimeout(() => void fn(), ms)
  return () => clearTimeout(handle)
}

export interface PaymentContext {
  get: (id: string) => Promise<JobRecord | undefined>
  journal: Pick<Journal, 'write'>
  feedback: Replies['feedback']
  finish: Finish
  log: Log
  now: () => number
  wallet: () => Wallet | null
  /** The job is paid and journaled as queued: run it. */
  onPaid: (job: JobRecord) => void
  /** A payment settled: the balance has changed. */
  onSettled?: () => void
  schedule?: Schedule
}

/** Watches every job awaiting payment until the wallet says it is paid, or expired after all. */
export const createPaymentWatcher = (ctx: PaymentContext) => {
  const schedule = ctx.schedule ?? realSchedule
  const watches = new Map<string, Watch>()
  // Invoices whose jobs ended unpaid: a payment the wallet announces later is owed, not lost.
  const late = new Map<string, string>()
  const budget = createRateLimiter(() => LOOKUPS_PER_MINUTE)
  let cancel: (() => void) | null = null
  let armedAt = Infinity
  let running = false
  let again = false
  let stopped = false
  const short = (id: string) => id.slice(0, 8)

  const arm = (at: number) => {
    if (stopped || at >= armedAt) return
    cancel?.()
    armedAt = at
    cancel = schedule(
      async () => {
        armedAt = Infinity
        await wake()
      },
      Math.max(0, at - ctx.now()),
    )
  }

  const forget = (w: Watch) => watches.delete(w.jobId)
  // One verdict at a time per job: a notification and a lookup round may land together.
  const applying = new Set<string>()

  const apply = async (w: Watch, verdict: Verdict, notifies: boolean) => {
    if (applying.has(w.jobId)) return
    applying.add(w.jobId)
    try {
      await applyOnce(w, verdict, notifies)
    } finally {
      applying.delete(w.jobId)
    }
  }

  const applyOnce = async (w: Watch, verdict: Verdict, notifies: boolean) => {
    const job = await ctx.get(w.jobId)
    if (!job || job.state !== 'awaiting-payment') return void forget(w)
    if (verdict.kind === 'settle') {
      forget(w)
      const paidAt = ctx.now()
      const patch = { paidMsats: verdict.amountMsats, paidAt }
      const paid = await ctx.journal.write(job, { to: 'queued', patch, note: verdict.note })
      ctx.log('info', `job ${short(w.jobId)}: ${verdict.note}, ${verdict.amountMsats / 1000} sats`)
      ctx.onPaid(paid)
      ctx.onSettled?.()
    } else if (verdict.kind === 'expire') {
      forget(w)
      late.set(w.invoice.paymentHash, w.jobId)
      if (late.size > LATE_LIMIT) late.delete(late.keys().next().value as string)
      await ctx.finish(job, { kind: 'expired', reason: verdict.reason })
    } else {
      if (verdict.warning) ctx.log('warn', `job ${short(w.jobId)}: ${verdict.warning}`)
      if (w.announced) w.announced.unconfirmed += 1
      w.nextAt = nextLookupAt(w, ctx.now(), notifies)
    }
  }

  const answered = async (w: Watch, status: InvoiceStatus | undefined, wallet: Wallet) => {
    w.lookups += 1
    if (status === undefined) return void (w.nextAt = nextLookupAt(w, ctx.now(), wallet.notifies))
    await apply(w, judgeLookup(w, status, ctx.now()), wallet.notifies)
  }

  const failed = (w: Watch, e: unknown, wallet: Wallet) => {
    // A failed lookup says nothing about the payment: never expire on it, ask again later.
    w.lookups += 1
    w.nextAt = nextLookupAt(w, ctx.now(), wallet.notifies)
    ctx.log('debug', `job ${short(w.jobId)}: invoice lookup failed: ${errorText(e)}`)
  }

  /** One round: the due invoices, as many as the budget allows, in one list call if possible. */
  const round = async (wallet: Wallet): Promise<number | null> => {
    const now = ctx.now()
    const paused = wallet.throttle?.()
    // Never sooner than a second: a wallet whose clock disagrees with ours must not spin us.
    if (paused) return Math.max(paused.until, now + 1_000)
    const due = [...watches.values()]
      .filter((w) => w.nextAt <= now)
      .sort((a, b) => a.nextAt - b.nextAt)
    if (due.length === 0) return Math.min(...[...watches.values()].map((w) => w.nextAt))
    if (budget.retryAt('wallet', now) > now) return budget.retryAt('wallet', now)
    const signal = AbortSignal.timeout(LOOKUP_TIMEOUT_MS)
    const listable = due.filter((w) => !w.unlisted)
    if (listable.length > 1 && wallet.lookupInvoices) {
      budget.allow('wallet', now)
      try {
        const found = await wallet.lookupInvoices(
          listable.map((w) => w.invoice),
          signal,
        )
        for (const w of listable) {
          const status = found.get(w.invoice.id)
          if (status) await answered(w, status, wallet)
          // One the list left out is unknown: from now on it is looked up on its own.
          else w.unlisted = true
        }
      } catch (e) {
        for (const w of listable) failed(w, e, wallet)
      }
      return null
    }
    const batch = due.filter(() => budget.allow('wallet', now))
    await Promise.all(
      batch.map((w) =>
        wallet.lookupInvoice(w.invoice, signal).then(
          (status) => answered(w, status, wallet),
          (e: unknown) => failed(w, e, wallet),
        ),
      ),
    )
    return null
  }

  const wake = async () => {
    if (running) return void (again = true)
    running = true
    try {
      do {
        again = false
        if (stopped || watches.size === 0) return
        const wallet = ctx.wallet()
        if (!wallet) return arm(ctx.now() + NO_WALLET_RETRY_MS)
        const wakeAt = await round(wallet)
        if (wakeAt !== null) arm(wakeAt)
        else again = true
      } while (again)
    } catch (e) {
      ctx.log('warn', `payments: ${errorText(e)}`)
      arm(ctx.now() + NO_WALLET_RETRY_MS)
    } finally {
      running = false
    }
  }

  /** What the wallet itself said about a payment (see IncomingPayment.via). */
  const heard = async (p: IncomingPayment) => {
    const w = [...watches.values()].find((x) => x.invoice.paymentHash === p.paymentHash)
    if (!w) {
      const jobId = late.get(p.paymentHash)
      if (jobId) await settleLate(ctx, jobId, p)
      return
    }
    if (p.amountMsats < w.priceMsats) {
      ctx.log(
        'warn',
        `job ${short(w.jobId)}: the wallet announced ${p.amountMsats} msats, less than the price`,
      )
      return
    }
    if (p.via === 'lookup') {
      // The backend's own lookup found it settled: no need to ask again.
      return apply(w, { kind: 'settle', amountMsats: p.amountMsats, note: 'paid' }, true)
    }
    w.announced = { amountMsats: p.amountMsats, at: p.at, unconfirmed: 0 }
    w.nextAt = ctx.now()
    await wake()
  }

  return {
    /** Watch a job whose invoice was sent; after a reload, look it up soon. */
    watch(job: JobRecord, o: { resumed?: boolean } = {}) {
      if (!job.invoice) return
      const wallet = ctx.wallet()
      const w: Watch = {
        jobId: job.id,
        customer: job.customer,
        invoice: job.invoice,
        priceMsats: job.priceMsats,
        nextAt: 0,
        lookups: 0,
      }
      w.nextAt = o.resumed ? ctx.now() : nextLookupAt(w, ctx.now(), wallet?.notifies ?? false)
      watches.set(job.id, w)
      arm(w.nextAt)
    },
    /** The wallet reported a payment. */
    heard: (p: IncomingPayment) =>
      void heard(p).catch((e) => ctx.log('warn', `payment: ${errorText(e)}`)),
    /** Wallet came back, or its pause may be over: look at what is due. */
    nudge: () => void wake(),
    /** Unpaid invoices now, in all and for one customer. */
    unpaid: (customer?: string) =>
      customer === undefined
        ? watches.size
        : [...watches.values()].filter((w) => w.customer === customer).length,
    stop() {
      stopped = true
      cancel?.()
    },
  }
}
