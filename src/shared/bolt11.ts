/**
 * A BOLT11 invoice's fields, decoded by light-bolt11-decoder (small, on @scure/base, already
 * inside the Spark SDK). Pure: the worker checks a wallet's invoices with it, the Wallet pane
 * reads a pasted one before paying. The signature is the paying wallet's business; it checks
 * it before it pays.
 */
import { decode } from 'light-bolt11-decoder'

export interface Bolt11Fields {
  /** bc, tb, tbs, bcrt or sb. */
  network: string
  /** null for an invoice that lets the payer choose the amount. */
  amountMsats: number | null
  /** 64 hex, lower case. */
  paymentHash: string
  /** ms epoch: its timestamp plus its expiry (BOLT11's default: one hour). */
  expiresAt: number
  /** What the payee wrote, untrusted text; absent when it names only a hash of one. */
  description?: string
}

const DEFAULT_EXPIRY_S = 3600
const HEX64 = /^[0-9a-f]{64}$/

type Decoded = ReturnType<typeof decode>
const section = (d: Decoded, name: string): unknown => {
  const found = d.sections.find((s) => s.name === name)
  return found !== undefined && 'value' in found ? found.value : undefined
}

/** What was pasted, without a "lightning:" link prefix or stray spaces. */
export const cleanInvoice = (text: string): string => text.trim().replace(/^lightning:/i, '')

/** The invoice's fields, or null when it is not a valid BOLT11 invoice. */
export const decodeBolt11 = (invoice: string): Bolt11Fields | null => {
  let decoded: Decoded
  try {
    decoded = decode(cleanInvoice(invoice))
  } catch {
    return null
  }
  const network = decoded.sections.find((s) => s.name === 'coin_network')?.letters
  const hash = section(decoded, 'payment_hash')
  const timestamp = section(decoded, 'timestamp')
  const expiry = section(decoded, 'expiry')
  const amount = section(decoded, 'amount')
  const description = section(decoded, 'description')
  if (network === undefined || typeof hash !== 'string' || !HEX64.test(hash)) return null
  if (typeof timestamp !== 'number') return null
  let amountMsats: number | null = null
  if (typeof amount === 'string') {
    const msats = BigInt(amount)
    if (msats <= 0n || msats > BigInt(Number.MAX_SAFE_INTEGER)) return null
    amountMsats = Number(msats)
  }
  const expirySeconds = typeof expiry === 'number' ? expiry : DEFAULT_EXPIRY_S
  return {
    network,
    amountMsats,
    paymentHash: hash,
    expiresAt: (timestamp + expirySeconds) * 1000,
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
  }
}
