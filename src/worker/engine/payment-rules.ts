/**
 * When to ask the wallet about an invoice again, and what its answer means for the job: pure
 * functions over plain data, so the rules are tested as a table. Two rules matter most:
 * time alone never ends a job (an invoice expires only when the wallet, asked after its
 * expiry, says it is not settled), and the wallet's own signed word counts as its word.
 */
import type { JobInvoice } from '../../shared/job-state.ts'
import type { InvoiceStatus } from '../wallet/wallet.ts'

/** The whole wallet, all invoices together: lnbcs #4006, lightning-piggy #684 ban pollers. */
export const LOOKUPS_PER_MINUTE = 12
const FIRST_LOOKUP_MS = 5_000
// A wallet that announces payments makes polling a fallback: start later, settle slower.
const FIRST_LOOKUP_NOTIFYING_MS = 10_000
const LONGEST_GAP_MS = 30_000
const LONGEST_GAP_NOTIFYING_MS = 60_000
/** How soon after its expiry an invoice is asked about, so an unpaid job ends promptly. */
export const AFTER_EXPIRY_MS = 2_000
/** Between the lookups that try to confirm what a notification announced. */
export const CONFIRM_GAP_MS = 5_000
/** Lookups that must keep saying "not settled" before the wallet's notification is taken. */
export const CONFIRMATIONS = 2

export interface Announcement {
  amountMsats: number
  at: number
  /** Lookups since, none of which said settled. */
  unconfirmed: number
}

export interface Watch {
  jobId: string
  customer: string
  invoice: JobInvoice
  priceMsats: number
  /** ms epoch of the next lookup. */
  nextAt: number
  /** Lookups made so far, for the back-off. */
  lookups: number
  /** The wallet's signed payment_received notification, if one came. */
  announced?: Announcement
  /** A list_transactions answer left it out: look it up on its own. */
  unlisted?: boolean
}

/** The gap before lookup number `lookups + 1`: doubling from a few seconds to its ceiling. */
export const lookupGap = (lookups: number, notifies: boolean): number => {
  const first = notifies ? FIRST_LOOKUP_NOTIFYING_MS : FIRST_LOOKUP_MS
  const ceiling = notifies ? LONGEST_GAP_NOTIFYING_MS : LONGEST_GAP_MS
  return Math.min(first * 2 ** lookups, ceiling)
}

/** The next lookup after `now`: back off, but never sleep through the expiry. */
export const nextLookupAt = (w: Watch, now: number, notifies: boolean): number => {
  if (w.announced) return now + CONFIRM_GAP_MS
  const later = now + lookupGap(w.lookups, notifies)
  const expiryCheck = w.invoice.expiresAt + AFTER_EXPIRY_MS
  return now < expiryCheck ? Math.min(later, expiryCheck) : later
}

export type Verdict =
  | { kind: 'settle'; amountMsats: number; note: string }
  | { kind: 'expire'; reason: string }
  | { kind: 'wait'; warning?: string }

/** What one lookup's answer, made at `now`, means for the job watched. */
export const judgeLookup = (w: Watch, status: InvoiceStatus, now: number): Verdict => {
  if (status.state === 'settled') {
    if (status.amountMsats >= w.priceMsats)
      return { kind: 'settle', amountMsats: status.amountMsats, note: 'paid' }
    return {
      kind: 'wait',
      warning: `the wallet reports ${status.amountMsats} msats, less than the price of ${w.priceMsats}`,
    }
  }
  const a = w.announced
  if (a && a.unconfirmed + 1 >= CONFIRMATIONS) {
    // Primal's wallet notifies and never flips its lookups: the signed notification is the
    // wallet's own statement that it has the money, so it is taken, and the record says why.
    return {
      kind: 'settle',
      amountMsats: a.amountMsats,
      note:
        `paid: the wallet's own signed payment_received notification says so, while ` +
        `${CONFIRMATIONS} lookups kept saying ${status.state}`,
    }
  }
  if (a) return { kind: 'wait' }
  // Asked after the invoice expired, the wallet says it is not settled: now it may end.
  if (now >= w.invoice.expiresAt)
    return {
      kind: 'expire',
      reason:
        status.state === 'pending' ? 'the invoice expired unpaid' : `the invoice ${status.state}`,
    }
  if (status.state !== 'pending') return { kind: 'expire', reason: `the invoice ${status.state}` }
  return { kind: 'wait' }
}
