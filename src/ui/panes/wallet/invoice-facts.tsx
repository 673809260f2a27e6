import type { Bolt11Fields } from '../../../shared/bolt11.ts'
import { formatSats } from '../../format.ts'

/** The question before paying: the amount read from the invoice, or that it names none. */
export const payQuestion = (invoice: Bolt11Fields): string =>
  invoice.amountMsats === null
    ? 'Pay this invoice from your wallet? It names no amount: your wallet decides.'
    : `Pay ${formatSats(invoice.amountMsats)} sats from your wallet?`

const TEST_NETWORKS: Record<string, string> = {
  tb: 'testnet',
  tbs: 'signet',
  bcrt: 'regtest',
  sb: 'simnet',
}

/** What a pasted invoice asks for, shown as soon as it is pasted, before anything is paid. */
export const InvoiceFacts = ({ invoice, now }: { invoice: Bolt11Fields; now: number }) => {
  const left = Math.max(1, Math.round((invoice.expiresAt - now) / 60_000))
  const network = TEST_NETWORKS[invoice.network]
  return (
    <dl className="invoice-facts">
      <dt>Amount</dt>
      <dd>
        {invoice.amountMsats === null
          ? 'none named: your wallet decides'
          : `${formatSats(invoice.amountMsats)} sats`}
      </dd>
      {invoice.description !== undefined && (
        <>
          <dt>For</dt>
          {/* The payee's words: untrusted, shown as text only. */}
          <dd className="break">{invoice.description}</dd>
        </>
      )}
      <dt>Expires</dt>
      <dd>in {left} min</dd>
      {network !== undefined && (
        <>
          <dt>Network</dt>
          <dd>{network}: test sats, not bitcoin</dd>
        </>
      )}
    </dl>
  )
}
