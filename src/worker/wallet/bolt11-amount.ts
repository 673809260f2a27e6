/**
 * What a BOLT11 invoice asks for and which payment it names: what we check a wallet's
 * invoice against (the amount we asked for, the payment hash it says it made). The decoding
 * itself is shared with the Wallet pane (src/shared/bolt11.ts).
 */
import { decodeBolt11, type Bolt11Fields } from '../../shared/bolt11.ts'

export type Bolt11Summary = Omit<Bolt11Fields, 'description'>

/** The invoice's network, amount, hash and expiry, or null when it is not a valid BOLT11 invoice. */
export const readBolt11 = (invoice: string): Bolt11Summary | null => {
  const fields = decodeBolt11(invoice)
  if (fields === null) return null
  const { network, amountMsats, paymentHash, expiresAt } = fields
  return { network, amountMsats, paymentHash, expiresAt }
}
