/**
 * The amount a BOLT11 invoice asks for, read from its human-readable part. That is all we need
 * to catch a wallet handing back an invoice for the wrong amount; the rest of the invoice is
 * the payer's business.
 */

export interface Bolt11Summary {
  /** bc, tb, tbs, bcrt or sb. */
  network: string
  /** null for an invoice that lets the payer choose the amount. */
  amountMsats: number | null
}

const HRP = /^ln(bcrt|bc|tbs|tb|sb)(?:(\d+)([munp])?)?$/
const BECH32_DATA = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/
// msats per unit of each multiplier; 1 BTC = 10^11 msats. Pico-BTC is a tenth of a msat.
const MSATS_PER: Record<string, bigint> = {
  '': 100_000_000_000n,
  m: 100_000_000n,
  u: 100_000n,
  n: 100n,
}

/** The invoice's network and amount, or null when it is not a BOLT11 invoice at all. */
export const readBolt11 = (invoice: string): Bolt11Summary | null => {
  const text = invoice
    .trim()
    .toLowerCase()
    .replace(/^lightning:/, '')
  const separator = text.lastIndexOf('1')
  if (separator < 0) return null
  const match = HRP.exec(text.slice(0, separator))
  const data = text.slice(separator + 1)
  if (match === null || !BECH32_DATA.test(data)) return null
  const [, network = '', digits, multiplier = ''] = match
  if (digits === undefined) return { network, amountMsats: null }
  let msats: bigint
  if (multiplier === 'p') {
    // BOLT11: a pico amount must be a whole number of msats.
    if (BigInt(digits) % 10n !== 0n) return null
    msats = BigInt(digits) / 10n
  } else {
    msats = BigInt(digits) * (MSATS_PER[multiplier] ?? 0n)
  }
  if (msats <= 0n || msats > BigInt(Number.MAX_SAFE_INTEGER)) return null
  return { network, amountMsats: Number(msats) }
}
