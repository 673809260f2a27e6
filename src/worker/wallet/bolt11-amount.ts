/**
 * What a BOLT11 invoice asks for and which payment it names, decoded by light-bolt11-decoder
 * (small, on @scure/base, already inside the Spark SDK). That is what we check a wallet's
 * invoice against: the amount we asked for and the payment hash it says it made. The
 * signature is the payer's wallet's business; it checks it before paying.
 */
import { decode } from 'light-bolt11-decoder'

export interface Bolt11Summary {
  /** bc, tb, tbs, bcrt or sb. */
  network: string
  /** null for an invoice that lets the payer choose the amount. */
  amountMsats: number | null
  /** 64 hex, lower case. */
  paymentHash: string
  /** ms epoch: its timestamp plus its expiry (BOLT11's default: one hour). */
  expiresAt: number
}

const DEFAULT_EXPIRY_S = 3600
const HEX64 = /^[0-9a-f]{64}$/

type Decoded = ReturnType<typeof decode>
const section = (d: Decoded, name: string): unknown => {
  const found = d.sections.find((s) => s.name === name)
  return found !== undefined && 'value' in found ? found.value : undefined
}

/** The invoice's network, amount, hash and expiry, or null when it is not a valid BOLT11 invoice. */
export const readBolt11 = (invoice: string): Bolt11Summary | null => {
  const text = invoice.trim().replace(/^lightning:/i, '')
  let decoded: Decoded
  try {
    decoded = decode(text)
  } catch {
    return null
  }
  const network = decoded.sections.find((s) => s.name === 'coin_network')?.letters
  const hash = section(decoded, 'payment_hash')
  const timestamp = section(decoded, 'timestamp')
  const expiry = section(decoded, 'expiry')
  const amount = section(decoded, 'amount')
  if (network === undefined || typeof hash !== 'string' || !HEX64.test(hash)) return null
  if (typeof timestamp !== 'number') return null
  let amountMsats: number | null = null
  if (typeof amount === 'string') {
    const msats = BigInt(amount)
    if (msats <= 0n || msats > BigInt(Number.MAX_SAFE_INTEGER)) return null
    amountMsats = Number(msats)
  }
  const expirySeconds = typeof expiry === 'number' ? expiry : DEFAULT_EXPIRY_S
  return { network, amountMsats, paymentHash: hash, expiresAt: (timestamp + expirySeconds) * 1000 }
}
