/**
 * Reading a pasted invoice before any money moves: what it asks for, or why it cannot be paid,
 * in words the person can act on. Pure, so the Wallet pane can say so while they paste.
 */
import { cleanInvoice, decodeBolt11, type Bolt11Fields } from './bolt11.ts'
import { err, ok, type Result } from './result.ts'

export const NOT_AN_INVOICE = 'This is not a Lightning invoice. Check what was pasted.'

/** Things people paste that are not invoices, and what to do instead. */
const LOOKALIKES: [RegExp, string][] = [
  [
    /^lnurl1/i,
    'This is an LNURL, not an invoice. Open it in the wallet you want to move sats to, make an invoice there, and paste that.',
  ],
  [
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    'This is a Lightning address, not an invoice. In that wallet, make an invoice (Receive) for the amount and paste it here.',
  ],
  [
    /^(bitcoin:|bc1|tb1|bcrt1|[13][1-9A-HJ-NP-Za-km-z]{25,34}$)/i,
    'This is a Bitcoin address, not a Lightning invoice. Withdrawals go over Lightning: paste an invoice (it starts with lnbc).',
  ],
  [
    /^(npub1|nsec1|nprofile1|nostr:|nostr\+walletconnect:)/i,
    'This is a Nostr key or link, not a Lightning invoice.',
  ],
]

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000))

/**
 * The invoice to confirm, or the reason it cannot be paid: not an invoice (and what it is
 * instead), cut short, or expired. Null when nothing was pasted yet.
 */
export const checkWithdrawInvoice = (pasted: string, now: number): Result<Bolt11Fields> | null => {
  const text = cleanInvoice(pasted)
  if (text === '') return null
  const invoice = decodeBolt11(text)
  if (invoice === null) {
    const lookalike = LOOKALIKES.find(([pattern]) => pattern.test(text))
    if (lookalike !== undefined) return err(lookalike[1])
    // It has the prefix of an invoice but does not decode: cut short when copied, or changed.
    if (/^ln(bc|tb|bcrt|tbs|sb)/i.test(text))
      return err(`${NOT_AN_INVOICE} It looks cut short or changed: copy it again.`)
    return err(NOT_AN_INVOICE)
  }
  if (invoice.expiresAt <= now)
    return err(
      `This invoice expired ${minutes(now - invoice.expiresAt)} min ago. Make a new one in the wallet that receives.`,
    )
  return ok(invoice)
}
