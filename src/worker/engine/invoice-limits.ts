/**
 * Whether a paid request may have an invoice made now. Every invoice is a call to the
 * provider's wallet, so anyone could spend the wallet's patience (and get the connection
 * banned) by asking: at most one unpaid invoice per customer, a cap on unpaid invoices in all,
 * and on new invoices a minute. A refusal says when to try again.
 */
import { createRateLimiter } from '../../shared/rate-limit.ts'
import type { Settings } from '../../shared/settings.ts'
import type { Throttle } from '../wallet/wallet.ts'

export interface InvoiceLimitDeps {
  settings: () => Settings
  /** Invoices unpaid now (being made or awaiting payment), in all or for one customer. */
  unpaid: (customer?: string) => number
  /** The wallet's own pause, when it asked us to slow down. */
  throttle: () => Throttle | null
  now: () => number
}

const inSeconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`

/** A refusal in words for the customer, or null: then the invoice counts as made. */
export const createInvoiceLimits = (d: InvoiceLimitDeps) => {
  const perMinute = createRateLimiter(() => d.settings().invoicesPerMinute)
  return (customer: string): string | null => {
    const s = d.settings()
    const now = d.now()
    if (d.unpaid(customer) >= s.unpaidInvoicesPerCustomer)
      return (
        'You already have an unpaid invoice from this provider: pay it, or try again when it ' +
        `expires (invoices last ${inSeconds(s.invoiceExpirySeconds * 1000)})`
      )
    if (d.unpaid() >= s.maxUnpaidInvoices)
      return `Busy: ${s.maxUnpaidInvoices} invoices await payment; try again in a minute`
    const paused = d.throttle()
    if (paused)
      return `Busy: the provider's wallet asks it to slow down; try again in ${inSeconds(paused.until - now)}`
    if (!perMinute.allow('invoices', now))
      return (
        `Busy: at most ${s.invoicesPerMinute} new invoices a minute; try again in ` +
        inSeconds(perMinute.retryAt('invoices', now) - now)
      )
    return null
  }
}
