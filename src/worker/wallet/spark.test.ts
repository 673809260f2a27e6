import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { encodeBolt11 } from '../../../fixtures/nwc-wallet-bolt11.ts'
import {
  createFakeSparkSdk,
  FakeSparkAuthenticationError,
  FakeSparkError,
  FakeSparkRequestError,
  FakeSparkValidationError,
  PREIMAGE,
  type FakeSparkSdk,
} from './fake-spark-sdk.ts'
import {
  createSparkWallet,
  generateMnemonic,
  validateMnemonic,
  type SparkWalletOptions,
} from './spark.ts'
import { sparkWalletError } from './spark-errors.ts'
import { lightningFeeLimitSats } from './spark-pay.ts'
import { loadSparkSdk, type SparkReceiveStatus, type SparkSendStatus } from './spark-sdk.ts'
import { WalletError, type IncomingPayment, type InvoiceState } from './wallet.ts'

const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const MNEMONIC_24 = `${'abandon '.repeat(23)}art`
const NOW = Date.parse('2026-01-01T00:00:00.000Z')
const regtestInvoice = (amountMsats?: number) =>
  encodeBolt11({
    ...(amountMsats === undefined ? {} : { amountMsats }),
    paymentHash: 'ab'.repeat(32),
    description: 'withdraw',
    timestamp: NOW / 1000,
    expirySeconds: 600,
    network: 'bcrt',
  })
const SMALL_INVOICE = regtestInvoice(1_000_000) // 10 µBTC = 1,000 sats
const LARGE_INVOICE = regtestInvoice(100_000_000) // 1 mBTC = 100,000 sats

const live = () => new AbortController().signal
const hang = () => new Promise<never>(() => {})

/** Makes `initialize` wait until the returned function is called. */
const connectLater = (sdk: FakeSparkSdk) => {
  let connect = () => {}
  sdk.overrideInitialize(
    () => new Promise((resolve) => (connect = () => resolve({ wallet: sdk.wallet }))),
  )
  return () => connect()
}

const setup = async (over: Partial<SparkWalletOptions> = {}) => {
  let clock = NOW
  const sdk = createFakeSparkSdk(() => clock)
  const logs: string[] = []
  const wallet = await createSparkWallet({
    sdk,
    mnemonic: MNEMONIC,
    network: 'regtest',
    log: (level, message) => logs.push(`${level}: ${message}`),
    now: () => clock,
    timeoutMs: 200,
    pollMs: 1,
    ...over,
  })
  const callsTo = (method: string) => sdk.calls.filter((c) => c.method === method)
  return { sdk, fake: sdk.wallet, wallet, logs, callsTo, advance: (ms: number) => (clock += ms) }
}

/** The rejection of `promise`, which must reject. */
const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  )

const walletError = async (promise: Promise<unknown>): Promise<WalletError> => {
  const e = await rejection(promise)
  expect(e).toBeInstanceOf(WalletError)
  return e as WalletError
}

describe('recovery phrases (offline)', () => {
  it('generates valid 12- and 24-word phrases, each one new', () => {
    const twelve = generateMnemonic()
    const twentyFour = generateMnemonic(24)
    expect(twelve.split(' ')).toHaveLength(12)
    expect(twentyFour.split(' ')).toHaveLength(24)
    expect(validateMnemonic(twelve)).toBe(true)
    expect(validateMnemonic(twentyFour)).toBe(true)
    expect(generateMnemonic()).not.toBe(twelve)
  })

  it('accepts phrases as people paste them, and refuses wrong ones', () => {
    expect(validateMnemonic(MNEMONIC)).toBe(true)
    expect(validateMnemonic(MNEMONIC_24)).toBe(true)
    expect(validateMnemonic(`  ${MNEMONIC.toUpperCase().replaceAll(' ', ' \n ')}  `)).toBe(true)
    expect(validateMnemonic('abandon '.repeat(12).trim())).toBe(false) // checksum
    expect(validateMnemonic(MNEMONIC.replace('legal', 'legals'))).toBe(false) // not a word
    expect(validateMnemonic(MNEMONIC.split(' ').slice(0, 11).join(' '))).toBe(false)
    expect(validateMnemonic('')).toBe(false)
  })
})

describe('connecting', () => {
  it('restores from a phrase: passes it through and maps the network', async () => {
    const { sdk: regtest, wallet } = await setup()
    expect(wallet.kind).toBe('spark')
    expect(regtest.calls).toContainEqual({
      method: 'initialize',
      args: [{ mnemonicOrSeed: MNEMONIC, options: { network: 'REGTEST' } }],
    })
    const { sdk: mainnet } = await setup({ network: 'mainnet' })
    expect(mainnet.calls[0]?.args).toEqual([
      { mnemonicOrSeed: MNEMONIC, options: { network: 'MAINNET' } },
    ])
  })

  it('creates a new wallet from a phrase made offline', async () => {
    const phrase = generateMnemonic(24)
    const { sdk } = await setup({ mnemonic: phrase })
    expect(sdk.calls[0]?.args).toEqual([
      { mnemonicOrSeed: phrase, options: { network: 'REGTEST' } },
    ])
  })

  it('passes a pasted phrase on in canonical form', async () => {
    const { sdk } = await setup({ mnemonic: `\t${MNEMONIC.toUpperCase().replaceAll(' ', '  ')}\n` })
    expect(sdk.calls[0]?.args).toEqual([
      { mnemonicOrSeed: MNEMONIC, options: { network: 'REGTEST' } },
    ])
  })

  it('refuses an invalid phrase before the SDK sees it (it would read it as a hex seed)', async () => {
    const sdk = createFakeSparkSdk()
    const e = await walletError(
      createSparkWallet({
        sdk,
        mnemonic: MNEMONIC.replace('yellow', 'yellows'),
        network: 'regtest',
      }),
    )
    expect(e.code).toBe('rejected')
    expect(e.message).toMatch(/recovery phrase is not valid.*Check each word/)
    expect(sdk.calls).toHaveLength(0)
  })

  it.each([
    [new FakeSparkAuthenticationError('Authentication failed'), 'rejected', /recovery phrase/],
    [new FakeSparkRequestError('Request failed'), 'unreachable', /internet connection/],
  ] as const)('turns a failed sign-in into words (%s)', async (error, code, words) => {
    const sdk = createFakeSparkSdk()
    sdk.overrideInitialize(() => Promise.reject(error))
    const e = await walletError(createSparkWallet({ sdk, mnemonic: MNEMONIC, network: 'regtest' }))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(/connecting to Spark/)
    expect(e.message).toMatch(words)
  })

  it('gives up after the timeout and closes a wallet that connects too late', async () => {
    const sdk = createFakeSparkSdk()
    const connect = connectLater(sdk)
    const opening = createSparkWallet({
      sdk,
      mnemonic: MNEMONIC,
      network: 'regtest',
      connectTimeoutMs: 20,
    })
    const e = await walletError(opening)
    expect(e.code).toBe('timeout')
    expect(e.message).toMatch(/did not answer within 20 ms while connecting to Spark/)
    connect()
    await vi.waitFor(() => expect(sdk.calls.map((c) => c.method)).toContain('cleanup'))
  })

  it('honours its AbortSignal, and closes a wallet that connects after it', async () => {
    const sdk = createFakeSparkSdk()
    const connect = connectLater(sdk)
    const abort = new AbortController()
    const opening = createSparkWallet({
      sdk,
      mnemonic: MNEMONIC,
      network: 'regtest',
      signal: abort.signal,
    })
    const reason = new Error('user went offline')
    abort.abort(reason)
    expect(await rejection(opening)).toBe(reason)
    connect()
    await vi.waitFor(() => expect(sdk.calls.map((c) => c.method)).toContain('cleanup'))

    const before = createFakeSparkSdk()
    const aborted = AbortSignal.abort(reason)
    const never = createSparkWallet({
      sdk: before,
      mnemonic: MNEMONIC,
      network: 'regtest',
      signal: aborted,
    })
    expect(await rejection(never)).toBe(reason)
    expect(before.calls).toHaveLength(0)
  })
})

describe('invoices', () => {
  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [21_000, 21],
  ])('asks Spark for whole sats, rounding %i msats up to %i sats', async (msats, sats) => {
    const { wallet, callsTo } = await setup()
    await wallet.createInvoice({
      amountMsats: msats,
      description: 'job',
      expirySeconds: 600,
      signal: live(),
    })
    expect(callsTo('createLightningInvoice')[0]?.args).toEqual([
      { amountSats: sats, memo: 'job', expirySeconds: 600 },
    ])
  })

  it("maps Spark's receive request to an invoice: id, bolt11, hash, amount, expiry", async () => {
    const { wallet, fake } = await setup()
    const invoice = await wallet.createInvoice({
      amountMsats: 21_000,
      description: 'Text generation, llama3.2',
      expirySeconds: 600,
      signal: live(),
    })
    const request = fake.receives.get(invoice.id)
    expect(invoice).toEqual({
      id: 'spark-receive-1',
      bolt11: request?.invoice.encodedInvoice,
      paymentHash: request?.invoice.paymentHash,
      amountMsats: 21_000,
      expiresAt: NOW + 600_000,
    })
  })

  it("cuts a long description to Spark's 639-character memo limit", async () => {
    const { wallet, callsTo } = await setup()
    await wallet.createInvoice({
      amountMsats: 1000,
      description: 'x'.repeat(700),
      expirySeconds: 60,
      signal: live(),
    })
    const [args] = callsTo('createLightningInvoice')[0]?.args as [{ memo: string }]
    expect(args.memo).toHaveLength(639)
  })

  it.each([0, -1000, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s msats without asking Spark',
    async (msats) => {
      const { wallet, callsTo } = await setup()
      const e = await walletError(
        wallet.createInvoice({
          amountMsats: msats,
          description: '',
          expirySeconds: 60,
          signal: live(),
        }),
      )
      expect(e.code).toBe('rejected')
      expect(callsTo('createLightningInvoice')).toHaveLength(0)
    },
  )

  it('refuses an answer for less than was asked', async () => {
    const { wallet, fake } = await setup()
    fake.override('createLightningInvoice', async () => ({
      id: 'r1',
      updatedAt: new Date(NOW).toISOString(),
      status: 'INVOICE_CREATED',
      invoice: {
        encodedInvoice: 'lnbcrt1u1p',
        paymentHash: 'ff'.repeat(32),
        amount: { originalValue: 1, originalUnit: 'SATOSHI' },
        expiresAt: new Date(NOW + 60_000).toISOString(),
      },
    }))
    const e = await walletError(
      wallet.createInvoice({
        amountMsats: 2000,
        description: '',
        expirySeconds: 60,
        signal: live(),
      }),
    )
    expect(e.code).toBe('invalid-response')
  })
})

describe('looking up an invoice', () => {
  // Every status the SDK knows (the type makes this list complete), before and after expiry.
  const table: Record<SparkReceiveStatus, [InvoiceState, InvoiceState]> = {
    INVOICE_CREATED: ['pending', 'expired'],
    TRANSFER_CREATED: ['pending', 'pending'],
    PAYMENT_PREIMAGE_RECOVERED: ['pending', 'pending'],
    LIGHTNING_PAYMENT_RECEIVED: ['pending', 'pending'],
    TRANSFER_COMPLETED: ['settled', 'settled'],
    TRANSFER_CREATION_FAILED: ['failed', 'failed'],
    REFUND_SIGNING_COMMITMENTS_QUERYING_FAILED: ['failed', 'failed'],
    REFUND_SIGNING_FAILED: ['failed', 'failed'],
    PAYMENT_PREIMAGE_RECOVERING_FAILED: ['failed', 'failed'],
    TRANSFER_FAILED: ['failed', 'failed'],
    FUTURE_VALUE: ['pending', 'pending'],
  }
  const rows = Object.entries(table).map(([status, [before, after]]) => [status, before, after])

  it.each(rows)('%s is %s before expiry and %s after', async (status, before, after) => {
    const { wallet, fake, advance } = await setup()
    const invoice = await wallet.createInvoice({
      amountMsats: 5000,
      description: '',
      expirySeconds: 600,
      signal: live(),
    })
    fake.setReceiveStatus(invoice.id, status as SparkReceiveStatus)
    expect((await wallet.lookupInvoice(invoice, live())).state).toBe(before)
    advance(600_000)
    expect((await wallet.lookupInvoice(invoice, live())).state).toBe(after)
  })

  it('reports the amount and, once settled, when', async () => {
    const { wallet, fake, callsTo } = await setup()
    const invoice = await wallet.createInvoice({
      amountMsats: 5000,
      description: '',
      expirySeconds: 600,
      signal: live(),
    })
    expect(await wallet.lookupInvoice(invoice, live())).toEqual({
      state: 'pending',
      amountMsats: 5000,
    })
    fake.setReceiveStatus(invoice.id, 'TRANSFER_COMPLETED', '2026-01-01T00:02:00.000Z')
    expect(await wallet.lookupInvoice(invoice, live())).toEqual({
      state: 'settled',
      amountMsats: 5000,
      settledAt: NOW + 120_000,
    })
    expect(callsTo('getLightningReceiveRequest').map((c) => c.args)).toEqual([
      [invoice.id],
      [invoice.id],
    ])
  })

  it('treats a status newer than the SDK as still in flight', async () => {
    const { wallet, fake, advance } = await setup()
    const invoice = await wallet.createInvoice({
      amountMsats: 5000,
      description: '',
      expirySeconds: 60,
      signal: live(),
    })
    fake.receives.set(invoice.id, { ...fake.receives.get(invoice.id)!, status: 'SOMETHING_NEW' })
    advance(3_600_000)
    expect((await wallet.lookupInvoice(invoice, live())).state).toBe('pending')
  })

  it('says so when Spark does not know the invoice', async () => {
    const { wallet } = await setup()
    const e = await walletError(
      wallet.lookupInvoice({ id: 'nope', paymentHash: '', bolt11: '' }, live()),
    )
    expect(e.code).toBe('invalid-response')
    expect(e.message).toMatch(/another recovery phrase or network/)
  })
})

describe('balance', () => {
  it('is the spendable sats, in msats', async () => {
    const { wallet, fake } = await setup()
    fake.balanceSats = 1234n
    expect(await wallet.balance(live())).toEqual({ msats: 1_234_000 })
  })
})

describe('paying an invoice', () => {
  it('caps the fee as Spark advises: the greater of 5 sats and 17 basis points', async () => {
    expect(lightningFeeLimitSats(1000)).toBe(5)
    expect(lightningFeeLimitSats(100_000)).toBe(170)
    const { wallet, callsTo } = await setup()
    await wallet.payInvoice(LARGE_INVOICE, live())
    expect(callsTo('payLightningInvoice')[0]?.args).toEqual([
      { invoice: LARGE_INVOICE, maxFeeSats: 170 },
    ])
  })

  it('pays, follows the payment, and returns the preimage', async () => {
    const { wallet, callsTo } = await setup()
    expect(await wallet.payInvoice(SMALL_INVOICE, live())).toEqual({ preimage: PREIMAGE })
    expect(callsTo('payLightningInvoice')[0]?.args).toEqual([
      { invoice: SMALL_INVOICE, maxFeeSats: 5 },
    ])
    expect(callsTo('getLightningSendRequest')[0]?.args).toEqual(['spark-send-1'])
  })

  const outcomes: Array<[SparkSendStatus, string]> = [
    ['LIGHTNING_PAYMENT_FAILED', 'rejected'],
    ['USER_SWAP_RETURNED', 'rejected'],
    ['USER_TRANSFER_VALIDATION_FAILED', 'rejected'],
    ['TRANSFER_FAILED', 'other'],
  ]
  it.each(outcomes)('reports %s as %s, naming the status', async (status, code) => {
    const { wallet, fake } = await setup()
    fake.sendSteps = [{ status: 'LIGHTNING_PAYMENT_INITIATED' }, { status }]
    const e = await walletError(wallet.payInvoice(SMALL_INVOICE, live()))
    expect(e.code).toBe(code)
    expect(e.message).toContain(status)
    expect(e.message).toMatch(/balance/)
  })

  it('counts a payment with a preimage as paid, whatever the status', async () => {
    const { wallet, fake } = await setup()
    fake.sendSteps = [{ status: 'PREIMAGE_PROVIDING_FAILED', paymentPreimage: PREIMAGE }]
    expect(await wallet.payInvoice(SMALL_INVOICE, live())).toEqual({ preimage: PREIMAGE })
  })

  it('stops following after its time and says to check the balance', async () => {
    const { wallet, fake, advance } = await setup({ payTimeoutMs: 5000 })
    fake.sendSteps = [{ status: 'LIGHTNING_PAYMENT_INITIATED' }]
    fake.override('getLightningSendRequest', async () => {
      advance(1000)
      return { id: 'spark-send-1', status: 'LIGHTNING_PAYMENT_INITIATED' }
    })
    const e = await walletError(wallet.payInvoice(SMALL_INVOICE, live()))
    expect(e.code).toBe('timeout')
    expect(e.message).toMatch(/Check the balance before paying again/)
  })

  it.each([
    ['an invoice without an amount', regtestInvoice(), 'unsupported', /names no amount/],
    ['something else', 'lnurl1dp68gurn8ghj7', 'rejected', /not a Lightning invoice/],
  ])('refuses %s without asking Spark', async (_, text, code, words) => {
    const { wallet, callsTo } = await setup()
    const e = await walletError(wallet.payInvoice(text, live()))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(words)
    expect(callsTo('payLightningInvoice')).toHaveLength(0)
  })

  it.each([
    ['targetAmounts', 'insufficient-funds', /Not enough sats/],
    ['maxFeeSats', 'rejected', /fee/],
    ['invoice', 'rejected', /Spark refused paying an invoice/],
  ] as const)('maps a refusal about %s to %s', async (field, code, words) => {
    const { wallet, fake } = await setup()
    fake.override('payLightningInvoice', () =>
      Promise.reject(new FakeSparkValidationError('Refused', { field })),
    )
    const e = await walletError(wallet.payInvoice(SMALL_INVOICE, live()))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(words)
  })

  it('stops waiting when aborted while following the payment', async () => {
    const { wallet, fake, callsTo } = await setup({ pollMs: 10_000 })
    fake.sendSteps = [{ status: 'LIGHTNING_PAYMENT_INITIATED' }]
    const abort = new AbortController()
    const paying = wallet.payInvoice(SMALL_INVOICE, abort.signal)
    await vi.waitFor(() => expect(callsTo('payLightningInvoice')).toHaveLength(1))
    abort.abort('stop')
    expect(await rejection(paying)).toBe('stop')
  })
})

describe('payment events', () => {
  it('turns transfer:claimed into a hint for the invoice Spark now calls settled', async () => {
    const { wallet, fake } = await setup()
    const seen: IncomingPayment[] = []
    wallet.onPayment((p) => seen.push(p))
    const invoice = await wallet.createInvoice({
      amountMsats: 3000,
      description: '',
      expirySeconds: 600,
      signal: live(),
    })
    fake.claim('transfer-0') // someone else's transfer: our invoice is still open
    await vi.waitFor(() => expect(fake.receives.size).toBe(1))
    expect(seen).toEqual([])

    fake.setReceiveStatus(invoice.id, 'TRANSFER_COMPLETED', '2026-01-01T00:01:00.000Z')
    fake.claim('transfer-1')
    await vi.waitFor(() => expect(seen).toHaveLength(1))
    expect(seen[0]).toEqual({
      paymentHash: invoice.paymentHash,
      amountMsats: 3000,
      at: NOW + 60_000,
      via: 'lookup',
    })

    fake.claim('transfer-2') // already reported: no second hint
    await new Promise((r) => setTimeout(r, 10))
    expect(seen).toHaveLength(1)
  })

  it('stops delivering after unsubscribe, and survives a throwing listener', async () => {
    const { wallet, fake, logs } = await setup()
    const seen: string[] = []
    const stop = wallet.onPayment(() => seen.push('stopped'))
    wallet.onPayment(() => {
      throw new Error('listener bug')
    })
    wallet.onPayment((p) => seen.push(p.paymentHash))
    stop()
    const invoice = await wallet.createInvoice({
      amountMsats: 1000,
      description: '',
      expirySeconds: 600,
      signal: live(),
    })
    fake.setReceiveStatus(invoice.id, 'TRANSFER_COMPLETED')
    fake.claim('t')
    await vi.waitFor(() => expect(seen).toEqual([invoice.paymentHash]))
    expect(logs.join('\n')).toMatch(/payment listener failed: listener bug/)
  })

  it('stops watching invoices that expired', async () => {
    const { wallet, fake, advance, callsTo } = await setup()
    await wallet.createInvoice({
      amountMsats: 1000,
      description: '',
      expirySeconds: 60,
      signal: live(),
    })
    advance(61_000)
    fake.claim('t1')
    await vi.waitFor(() => expect(callsTo('getLightningReceiveRequest')).toHaveLength(1))
    fake.claim('t2')
    await new Promise((r) => setTimeout(r, 10))
    expect(callsTo('getLightningReceiveRequest')).toHaveLength(1)
  })
})

describe('errors', () => {
  it.each([
    [
      new FakeSparkRequestError('Request failed [operation: query_nodes, clientEnv: js]'),
      'unreachable',
      /Could not reach Spark while reading the balance \(Request failed\)/,
    ],
    [new FakeSparkAuthenticationError('Token expired'), 'rejected', /refused this wallet/],
    [
      new FakeSparkValidationError('Bad input'),
      'rejected',
      /Spark refused reading the balance \(Bad input\)/,
    ],
    [
      new FakeSparkError('Internal'),
      'other',
      /Spark failed while reading the balance \(Internal\)/,
    ],
    [
      new TypeError('Failed to fetch'),
      'other',
      /failed while reading the balance \(Failed to fetch\)/,
    ],
  ] as const)('maps %s to %s with words (by class, not by name)', async (error, code, words) => {
    const { wallet, fake } = await setup()
    fake.override('getBalance', () => Promise.reject(error))
    const e = await walletError(wallet.balance(live()))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(words)
    expect(e.message).not.toMatch(/clientEnv/)
  })
})

describe('abort, timeout and close', () => {
  it('does not call Spark with an aborted signal', async () => {
    const { wallet, callsTo } = await setup()
    const reason = new Error('job cancelled')
    expect(await rejection(wallet.balance(AbortSignal.abort(reason)))).toBe(reason)
    expect(callsTo('getBalance')).toHaveLength(0)
  })

  it('rejects with the abort reason when aborted mid-call', async () => {
    const { wallet, fake } = await setup()
    fake.override('getLightningReceiveRequest', hang)
    const abort = new AbortController()
    const looking = wallet.lookupInvoice({ id: 'x', paymentHash: '', bolt11: '' }, abort.signal)
    const reason = new Error('job cancelled')
    abort.abort(reason)
    expect(await rejection(looking)).toBe(reason)
  })

  it('times out a call Spark never answers', async () => {
    const { wallet, fake } = await setup({ timeoutMs: 30 })
    fake.override('createLightningInvoice', hang)
    const e = await walletError(
      wallet.createInvoice({
        amountMsats: 1000,
        description: '',
        expirySeconds: 60,
        signal: live(),
      }),
    )
    expect(e.code).toBe('timeout')
    expect(e.message).toMatch(/did not answer within 30 ms while creating an invoice/)
  })

  it('closes: cleans up once, drops the event listener, and ends calls in flight', async () => {
    const { wallet, fake, callsTo } = await setup()
    fake.override('getBalance', hang)
    const reading = wallet.balance(live())
    wallet.close()
    wallet.close()
    const e = await walletError(reading)
    expect(e.message).toMatch(/closed/)
    expect(callsTo('cleanup')).toHaveLength(1)
    expect(callsTo('off')).toHaveLength(1)
    expect(fake.listenerCount()).toBe(0)
    await walletError(wallet.balance(live()))
  })
})

describe('lazy loading', () => {
  const dir = new URL('./', import.meta.url)
  const source = (file: string) => readFileSync(new URL(file, dir), 'utf8')
  const staticImport = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]@buildonspark\/spark-sdk['"]/
  const typeOnlyImport =
    /(?:^|\n)\s*import\s+type\s[^;]*?from\s*['"]@buildonspark\/spark-sdk(?:\/types)?['"]/g

  it('keeps the SDK out of every module but the loader', () => {
    const files = readdirSync(dir).filter(
      (f) => /^(spark|fake-spark).*\.ts$/.test(f) && !f.endsWith('.test.ts'),
    )
    expect(files).toContain('spark.ts')
    for (const file of files.filter((f) => f !== 'spark-sdk.ts'))
      expect(source(file), file).not.toMatch(/@buildonspark\/spark-sdk/)
  })

  it('loads the SDK only through a dynamic import (plus erased type imports)', () => {
    const loader = source('spark-sdk.ts').replace(typeOnlyImport, '')
    expect(loader).not.toMatch(staticImport)
    expect(loader).toMatch(/await import\('@buildonspark\/spark-sdk'\)/)
  })

  it("binds the real SDK's entry point and error classes (loaded, not run)", async () => {
    const sdk = await loadSparkSdk()
    const real = await import('@buildonspark/spark-sdk')
    expect(typeof sdk.initialize).toBe('function')
    const short = new real.SparkValidationError('Total target amount exceeds available balance', {
      field: 'targetAmounts',
    })
    const e = sparkWalletError(short, sdk.errors, 'paying an invoice')
    expect(e.code).toBe('insufficient-funds')
    expect(sparkWalletError(new real.SparkRequestError('down'), sdk.errors, 'x').code).toBe(
      'unreachable',
    )
    expect(sparkWalletError(new real.SparkAuthenticationError('no'), sdk.errors, 'x').code).toBe(
      'rejected',
    )
  })
})
