import { errorText, type Log } from '../log.ts'
import { withDeadline } from './spark-deadline.ts'
import { sparkWalletError } from './spark-errors.ts'
import { normalizeMnemonic, validateMnemonic } from './spark-mnemonic.ts'
import { payWithSpark } from './spark-pay.ts'
import type { SparkReceiveRequest, SparkSdk } from './spark-sdk.ts'
import { amountMsats, dateMs, invoiceState } from './spark-status.ts'
import { createPaymentHints } from './spark-hints.ts'
import { WalletError, type Invoice, type InvoiceStatus, type Wallet } from './wallet.ts'

export { generateMnemonic, validateMnemonic } from './spark-mnemonic.ts'

export interface SparkWalletOptions {
  /** From `loadSparkSdk()`, or a fake in tests. */
  sdk: SparkSdk
  mnemonic: string
  network: 'mainnet' | 'regtest'
  log?: Log
  /** Gives up connecting; the SDK keeps no handle we could cancel. */
  signal?: AbortSignal
  connectTimeoutMs?: number
  /** Each later call; the SDK's own calls take no signal. */
  timeoutMs?: number
  payTimeoutMs?: number
  pollMs?: number
  now?: () => number
}

// Spark's invoice memo limit (UTF-16 units): the SDK refuses a longer one.
const MAX_MEMO = 639

const NETWORKS = { mainnet: 'MAINNET', regtest: 'REGTEST' } as const

/**
 * A Wallet backed by a Spark wallet (self-custodial, keys from the recovery phrase).
 * Connecting signs in with Spark's operators, so it needs the internet.
 */
export const createSparkWallet = async (o: SparkWalletOptions): Promise<Wallet> => {
  const { sdk, log = () => {}, now = Date.now } = o
  const timeoutMs = o.timeoutMs ?? 30_000
  if (!validateMnemonic(o.mnemonic))
    // Checked here because the SDK reads a phrase it cannot parse as a hex seed: a typo
    // would open some other, empty wallet instead of failing.
    throw new WalletError(
      'The recovery phrase is not valid: it needs 12 to 24 words from the BIP-39 English ' +
        'list, in order. Check each word.',
      'rejected',
    )
  const connecting = 'connecting to Spark'
  const { wallet } = await withDeadline(
    () =>
      sdk.initialize({
        mnemonicOrSeed: normalizeMnemonic(o.mnemonic),
        options: { network: NETWORKS[o.network] },
      }),
    {
      signal: o.signal ?? new AbortController().signal,
      timeoutMs: o.connectTimeoutMs ?? 60_000,
      what: connecting,
    },
    (late) => void late.wallet.cleanup().catch(() => {}),
  ).catch((e: unknown) => {
    if (o.signal?.aborted && e === o.signal.reason) throw e
    throw sparkWalletError(e, sdk.errors, connecting)
  })
  log('info', `Spark wallet connected (${o.network}).`)

  const closing = new AbortController()
  const call = <T>(what: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> =>
    withDeadline(work, {
      signal: AbortSignal.any([signal, closing.signal]),
      timeoutMs,
      what,
    }).catch((e: unknown) => {
      if (signal.aborted && e === signal.reason) throw e
      throw sparkWalletError(e, sdk.errors, what)
    })

  const lookup = async (id: string, signal: AbortSignal): Promise<InvoiceStatus> => {
    const request = await call('looking up an invoice', signal, () =>
      wallet.getLightningReceiveRequest(id),
    )
    if (!request)
      throw new WalletError(
        `Spark knows no invoice ${id} for this wallet. It may belong to another recovery ` +
          'phrase or network.',
        'invalid-response',
      )
    return statusOf(request, now())
  }

  const hints = createPaymentHints({ wallet, lookup, signal: closing.signal, log })

  return {
    kind: 'spark',
    // Its SDK tells of every claimed transfer: polling is only the fallback.
    notifies: true,

    async createInvoice({ amountMsats: msats, description, expirySeconds, signal }) {
      if (!(msats > 0) || !Number.isFinite(msats))
        throw new WalletError(
          `Cannot ask for ${msats} msats: an invoice needs an amount.`,
          'rejected',
        )
      // Spark invoices are in whole sats; round up so the job is never underpaid.
      const amountSats = Math.ceil(msats / 1000)
      const request = await call('creating an invoice', signal, () =>
        wallet.createLightningInvoice({
          amountSats,
          memo: truncate(description, MAX_MEMO),
          expirySeconds: Math.max(1, Math.ceil(expirySeconds)),
        }),
      )
      const invoice = invoiceOf(request, amountSats * 1000, now() + expirySeconds * 1000)
      hints.watch(invoice)
      return invoice
    },

    async lookupInvoice({ id }, signal) {
      const status = await lookup(id, signal)
      if (status.state !== 'pending') hints.forget(id)
      return status
    },

    async balance(signal) {
      const { satsBalance } = await call('reading the balance', signal, () => wallet.getBalance())
      return { msats: Number(satsBalance.available) * 1000 }
    },

    payInvoice: (bolt11, signal) =>
      payWithSpark(wallet, bolt11, {
        signal,
        payTimeoutMs: o.payTimeoutMs ?? 90_000,
        pollMs: o.pollMs ?? 1000,
        now,
        call,
      }),

    onPayment: hints.subscribe,

    close() {
      if (closing.signal.aborted) return
      closing.abort(new WalletError('The Spark wallet is closed.', 'other'))
      hints.stop()
      wallet.cleanup().catch((e: unknown) => log('warn', `Closing Spark: ${errorText(e)}`))
    },
  }
}

const invoiceOf = (r: SparkReceiveRequest, askedMsats: number, fallbackExpiry: number): Invoice => {
  const msats = amountMsats(r.invoice.amount) ?? askedMsats
  if (!r.id || !r.invoice.encodedInvoice || !r.invoice.paymentHash || msats < askedMsats)
    throw new WalletError(
      'Spark answered with an incomplete invoice, or one for less than asked. Try again; ' +
        'if it repeats, report it.',
      'invalid-response',
    )
  return {
    id: r.id,
    bolt11: r.invoice.encodedInvoice,
    paymentHash: r.invoice.paymentHash,
    amountMsats: msats,
    expiresAt: dateMs(r.invoice.expiresAt, fallbackExpiry),
  }
}

const statusOf = (r: SparkReceiveRequest, now: number): InvoiceStatus => {
  const state = invoiceState(r.status, dateMs(r.invoice.expiresAt, Infinity), now)
  const amount = amountMsats(r.invoice.amount) ?? 0
  return state === 'settled'
    ? { state, amountMsats: amount, settledAt: dateMs(r.updatedAt, now) }
    : { state, amountMsats: amount }
}

const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  // Never leave half of a surrogate pair at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}
