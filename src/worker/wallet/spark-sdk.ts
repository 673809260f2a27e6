import type {
  LightningReceiveRequestStatus,
  LightningSendRequestStatus,
} from '@buildonspark/spark-sdk/types'

/**
 * Exactly the part of `@buildonspark/spark-sdk` this app calls, so a fake can stand in for it
 * in tests. `loadSparkSdk` is type-checked against the real SDK: if an upgrade changes one of
 * these shapes, `tsc` fails here rather than the wallet failing at run time.
 */

export type SparkNetworkName = 'MAINNET' | 'REGTEST'

/** Every status the SDK can report; the mappings in spark-status.ts must name each one. */
export type SparkReceiveStatus = `${LightningReceiveRequestStatus}`
export type SparkSendStatus = `${LightningSendRequestStatus}`

export interface SparkAmount {
  originalValue: number
  /** 'SATOSHI' | 'MILLISATOSHI' | 'BITCOIN' | ... */
  originalUnit: string
}

/** A Lightning invoice we issued, as Spark tracks it ("lightning receive request"). */
export interface SparkReceiveRequest {
  id: string
  /** ISO date of the last status change. */
  updatedAt: string
  status: string
  invoice: {
    encodedInvoice: string
    paymentHash: string
    amount: SparkAmount
    /** ISO date. */
    expiresAt: string
  }
}

/** A Lightning payment we made ("lightning send request"). */
export interface SparkSendRequest {
  id: string
  status: string
  paymentPreimage?: string | undefined
}

export type TransferClaimedListener = (transferId: string, updatedBalance: bigint) => void

export interface SparkSdkWallet {
  createLightningInvoice(o: {
    amountSats: number
    memo?: string
    expirySeconds?: number
  }): Promise<SparkReceiveRequest>
  getLightningReceiveRequest(id: string): Promise<SparkReceiveRequest | null>
  getBalance(): Promise<{ satsBalance: { available: bigint } }>
  /** Without `preferSpark` the SDK always pays over Lightning and answers with a send request. */
  payLightningInvoice(o: { invoice: string; maxFeeSats: number }): Promise<SparkSendRequest>
  getLightningSendRequest(id: string): Promise<SparkSendRequest | null>
  on(event: 'transfer:claimed', listener: TransferClaimedListener): unknown
  off(event: 'transfer:claimed', listener: TransferClaimedListener): unknown
  /** `cleanupConnections()` is its deprecated alias since 0.8. */
  cleanup(): Promise<void>
}

/** The SDK's error classes, for `instanceof`: their names are minified in the bundle. */
export type SparkErrorClass = abstract new (
  ...args: never[]
) => Error & { getContext(): Record<string, unknown> }

export interface SparkSdk {
  initialize(o: {
    mnemonicOrSeed: string
    options: { network: SparkNetworkName }
  }): Promise<{ wallet: SparkSdkWallet; mnemonic?: string | undefined }>
  errors: {
    SparkError: SparkErrorClass
    SparkRequestError: SparkErrorClass
    SparkValidationError: SparkErrorClass
    SparkAuthenticationError: SparkErrorClass
  }
}

/**
 * The only place the SDK is imported, and only dynamically: it is about 6 MB with WebAssembly,
 * so it lives in its own chunk that loads when a Spark wallet is first used.
 */
export const loadSparkSdk = async (): Promise<SparkSdk> => {
  const sdk = await import('@buildonspark/spark-sdk')
  return {
    // `initialize` is a static method that reads `this`: call it on the class.
    initialize: (o) => sdk.SparkWallet.initialize(o),
    errors: {
      SparkError: sdk.SparkError,
      SparkRequestError: sdk.SparkRequestError,
      SparkValidationError: sdk.SparkValidationError,
      SparkAuthenticationError: sdk.SparkAuthenticationError,
    },
  }
}
