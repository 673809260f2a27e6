import type {
  SparkReceiveRequest,
  SparkReceiveStatus,
  SparkSdk,
  SparkSdkWallet,
  SparkSendRequest,
  SparkSendStatus,
  TransferClaimedListener,
} from './spark-sdk.ts'

/**
 * Test only: a stand-in for the few SDK calls we make, recording every call. The real SDK
 * cannot run here: `initialize()` always signs in with Spark's operators.
 */

/** The SDK's error classes, with names as short as in its minified browser bundle. */
export class FakeSparkError extends Error {
  constructor(
    message: string,
    private readonly context: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'e'
  }
  getContext(): Record<string, unknown> {
    return { ...this.context }
  }
}
export class FakeSparkRequestError extends FakeSparkError {}
export class FakeSparkValidationError extends FakeSparkError {}
export class FakeSparkAuthenticationError extends FakeSparkError {}

type Method = keyof SparkSdkWallet

export interface FakeCall {
  method: Method | 'initialize'
  args: unknown[]
}

export interface FakeSparkWallet extends SparkSdkWallet {
  balanceSats: bigint
  readonly receives: Map<string, SparkReceiveRequest>
  /** What payLightningInvoice answers, then each getLightningSendRequest; the last repeats. */
  sendSteps: Array<{ status: SparkSendStatus; paymentPreimage?: string }>
  /** Replace a method's behaviour (the call is still recorded). */
  override<M extends Method>(method: M, impl: SparkSdkWallet[M]): void
  setReceiveStatus(id: string, status: SparkReceiveStatus, updatedAt?: string): void
  /** Fires `transfer:claimed` as the SDK does after claiming an incoming transfer. */
  claim(transferId: string): void
  listenerCount(): number
}

export interface FakeSparkSdk extends SparkSdk {
  readonly calls: FakeCall[]
  readonly wallet: FakeSparkWallet
  overrideInitialize(impl: SparkSdk['initialize']): void
}

export const PREIMAGE = 'ab'.repeat(32)

export const createFakeSparkSdk = (now: () => number = Date.now): FakeSparkSdk => {
  const calls: FakeCall[] = []
  const overrides: Partial<Record<Method, (...args: never[]) => unknown>> = {}
  const listeners = new Set<TransferClaimedListener>()
  const receives = new Map<string, SparkReceiveRequest>()
  let receiveCount = 0
  let sendStep = 0

  // Records the call, then runs the override if a test set one.
  const record = <M extends Method>(method: M, run: SparkSdkWallet[M]): SparkSdkWallet[M] =>
    ((...args: never[]) => {
      calls.push({ method, args })
      const impl = overrides[method] ?? (run as (...a: never[]) => unknown)
      return impl(...args)
    }) as SparkSdkWallet[M]

  const sendRequest = (): SparkSendRequest => {
    const step = wallet.sendSteps[Math.min(sendStep++, wallet.sendSteps.length - 1)]
    return { id: 'spark-send-1', status: step?.status ?? 'CREATED', ...step }
  }

  const wallet: FakeSparkWallet = {
    balanceSats: 0n,
    receives,
    sendSteps: [
      { status: 'LIGHTNING_PAYMENT_INITIATED' },
      { status: 'TRANSFER_COMPLETED', paymentPreimage: PREIMAGE },
    ],
    createLightningInvoice: record(
      'createLightningInvoice',
      async ({ amountSats, expirySeconds }) => {
        const n = ++receiveCount
        const request: SparkReceiveRequest = {
          id: `spark-receive-${n}`,
          updatedAt: new Date(now()).toISOString(),
          status: 'INVOICE_CREATED',
          invoice: {
            encodedInvoice: `lnbcrt${amountSats * 10}n1fake${n}`,
            paymentHash: n.toString(16).padStart(64, '0'),
            amount: { originalValue: amountSats, originalUnit: 'SATOSHI' },
            expiresAt: new Date(now() + (expirySeconds ?? 86_400) * 1000).toISOString(),
          },
        }
        receives.set(request.id, request)
        return structuredClone(request)
      },
    ),
    getLightningReceiveRequest: record('getLightningReceiveRequest', async (id) => {
      const request = receives.get(id)
      return request ? structuredClone(request) : null
    }),
    getBalance: record('getBalance', async () => ({
      satsBalance: { available: wallet.balanceSats },
    })),
    payLightningInvoice: record('payLightningInvoice', async () => sendRequest()),
    getLightningSendRequest: record('getLightningSendRequest', async () => sendRequest()),
    on: record('on', (_event, listener) => listeners.add(listener)),
    off: record('off', (_event, listener) => listeners.delete(listener)),
    cleanup: record('cleanup', async () => {}),
    override: (method, impl) => {
      overrides[method] = impl as (...args: never[]) => unknown
    },
    setReceiveStatus: (id, status, updatedAt = new Date(now()).toISOString()) => {
      const request = receives.get(id)
      if (!request) throw new Error(`fake: no receive request ${id}`)
      receives.set(id, { ...request, status, updatedAt })
    },
    claim: (transferId) => {
      for (const listener of listeners) listener(transferId, wallet.balanceSats)
    },
    listenerCount: () => listeners.size,
  }

  let initialize: SparkSdk['initialize'] = async (o) => ({ wallet, mnemonic: o.mnemonicOrSeed })
  return {
    calls,
    wallet,
    overrideInitialize: (impl) => {
      initialize = impl
    },
    initialize: (o) => {
      calls.push({ method: 'initialize', args: [o] })
      return initialize(o)
    },
    errors: {
      SparkError: FakeSparkError,
      SparkRequestError: FakeSparkRequestError,
      SparkValidationError: FakeSparkValidationError,
      SparkAuthenticationError: FakeSparkAuthenticationError,
    },
  }
}
