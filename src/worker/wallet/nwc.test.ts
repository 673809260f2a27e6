/** The NWC wallet against a real local relay and a fake wallet service that speaks NIP-47. */
import { afterEach, describe, expect, it } from 'vitest'
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure'
import WebSocket from 'ws'
import { startRelay } from '../../../fixtures/relay.ts'
import { fakeBolt11, startNwcWallet, type NwcWalletOptions } from '../../../fixtures/nwc-wallet.ts'
import { connectNwc, type NwcOptions, type NwcWallet } from './nwc.ts'
import { WalletError, type IncomingPayment, type Throttle } from './wallet.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const ws = WebSocket as unknown as typeof globalThis.WebSocket
const never = () => new AbortController().signal

const setup = async (wallet: Omit<NwcWalletOptions, 'relayUrl'> = {}, o: NwcOptions = {}) => {
  const relay = await startRelay()
  cleanups.push(() => relay.stop())
  const fake = await startNwcWallet({ relayUrl: relay.url, ...wallet })
  cleanups.push(() => fake.stop())
  const lines: string[] = []
  const connect = async () => {
    const w = await connectNwc(fake.uri, {
      WebSocket: ws,
      timeoutMs: 2_000,
      // Short request timeouts must not fail the connect when the machine is busy.
      connectTimeoutMs: 5_000,
      // The shortest reconnect backoff (1 s), so the restart test is quick and steady.
      random: () => 0,
      log: (level, message) => lines.push(`${level}: ${message}`),
      ...o,
    })
    cleanups.push(() => w.close())
    return w
  }
  return { relay, fake, lines, connect }
}

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (e) {
    return e as WalletError
  }
  throw new Error('expected a rejection')
}

const firstPayment = (wallet: { onPayment(l: (p: IncomingPayment) => void): () => void }) => {
  const seen: IncomingPayment[] = []
  const first = new Promise<IncomingPayment>((resolve) =>
    wallet.onPayment((p) => {
      seen.push(p)
      resolve(p)
    }),
  )
  return { first, seen }
}

describe.each([
  ['nip44_v2', 'nip44_v2'],
  ['nip04', 'nip04'],
  ['both', 'nip44_v2'],
] as const)('an NWC wallet that speaks %s', (mode, expected) => {
  it(`connects with ${expected}, invoices, settles and notifies`, async () => {
    const { fake, connect } = await setup({ encryption: mode })
    const wallet = await connect()
    expect(wallet).toMatchObject({
      kind: 'nwc',
      walletPubkey: fake.walletPubkey,
      encryption: expected,
    })
    const payments = firstPayment(wallet)

    const invoice = await wallet.createInvoice({
      amountMsats: 21_000,
      description: 'Sell Compute job',
      expirySeconds: 600,
      signal: never(),
    })
    const made = fake.invoices()[0]
    expect(made).toMatchObject({ bolt11: invoice.bolt11, amountMsats: 21_000, state: 'pending' })
    expect(made?.description).toBe('Sell Compute job')
    expect(invoice).toMatchObject({ id: made?.paymentHash, paymentHash: made?.paymentHash })
    expect(invoice.expiresAt).toBeGreaterThan(Date.now() + 590_000)
    expect(await wallet.lookupInvoice(invoice, never())).toEqual({
      state: 'pending',
      amountMsats: 21_000,
    })

    await fake.pay(invoice.bolt11)
    expect(await payments.first).toMatchObject({
      paymentHash: invoice.paymentHash,
      amountMsats: 21_000,
    })
    const status = await wallet.lookupInvoice(invoice, never())
    expect(status).toMatchObject({ state: 'settled', amountMsats: 21_000 })
    expect(status.settledAt).toBeGreaterThan(Date.now() - 10_000)

    // A wallet speaking both schemes notifies twice; the app hears one payment.
    expect(payments.seen).toHaveLength(1)
    expect(fake.requests().map(({ method, encryption }) => ({ method, encryption }))).toEqual(
      ['make_invoice', 'lookup_invoice', 'lookup_invoice'].map((method) => ({
        method,
        encryption: expected,
      })),
    )
  })
})

describe('an NWC wallet', () => {
  it('reads the balance, pays, and says when funds are short', async () => {
    const { connect } = await setup({ balanceMsats: 50_000 })
    const wallet = await connect()
    expect(await wallet.balance(never())).toEqual({ msats: 50_000 })
    expect(await wallet.payInvoice(fakeBolt11(20_000), never())).toMatchObject({
      preimage: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(await wallet.balance(never())).toEqual({ msats: 30_000 })
    const short = await rejection(wallet.payInvoice(fakeBolt11(40_000), never()))
    expect(short).toBeInstanceOf(WalletError)
    expect(short.code).toBe('insufficient-funds')
    expect(short.message).toMatch(/could not pay the invoice: it does not have enough funds/)
  })

  it('refuses a connection that cannot make or look up invoices, and says what to do', async () => {
    const { connect } = await setup({ methods: ['pay_invoice', 'get_balance'] })
    const error = await rejection(connect())
    expect(error.code).toBe('unsupported')
    expect(error.message).toMatch(/cannot make_invoice or lookup_invoice/)
    expect(error.message).toMatch(/create a connection that may receive payments/)
  })

  it('does not ask for what the connection may not do', async () => {
    const { fake, connect } = await setup({ methods: ['make_invoice', 'lookup_invoice'] })
    const wallet = await connect()
    const error = await rejection(wallet.balance(never()))
    expect(error.code).toBe('unsupported')
    expect(error.message).toMatch(/does not allow get balance/)
    expect(fake.requests()).toEqual([])
  })

  it('passes on the wallet’s own error in words', async () => {
    const { connect } = await setup()
    const wallet = await connect()
    const hash = 'ab'.repeat(32)
    const error = await rejection(
      wallet.lookupInvoice({ id: hash, paymentHash: hash, bolt11: fakeBolt11(1000) }, never()),
    )
    expect(error.code).toBe('rejected')
    expect(error.message).toMatch(/it has no such invoice \(the wallet says: "invoice not found"\)/)
  })

  it('times out in words when the wallet stops answering', async () => {
    const { fake, connect } = await setup({}, { timeoutMs: 300 })
    const wallet = await connect()
    fake.setUnreachable(true)
    const started = Date.now()
    const error = await rejection(wallet.balance(never()))
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1_500)
    expect(error).toBeInstanceOf(WalletError)
    expect(error.code).toBe('timeout')
    expect(error.message).toMatch(
      /did not answer get_balance within 0.3 s.*wallet service is online/,
    )
  })

  it('ignores answers signed by another key', async () => {
    const { fake, relay, connect } = await setup({}, { timeoutMs: 400 })
    const wallet = await connect()
    fake.setHostile('wrong-pubkey')
    const answer = relay.waitForEvent({ kinds: [23195], '#p': [fake.clientPubkey] }, 2_000)
    expect((await rejection(wallet.balance(never()))).code).toBe('timeout')
    // The impostor's answer was on the relay; it just was not believed.
    expect((await answer).pubkey).not.toBe(fake.walletPubkey)
  })

  it('ignores answers it cannot decrypt, and says so in the log', async () => {
    // The answer must arrive while the call still waits for it, so the call's
    // deadline is generous and the test waits on the log line, not the clock.
    const { fake, lines, connect } = await setup({}, { timeoutMs: 1_500 })
    const wallet = await connect()
    fake.setHostile('undecryptable')
    const pending = rejection(wallet.balance(never()))
    await expect
      .poll(() => lines.some((l) => /could not decrypt the answer to get_balance/.test(l)), {
        timeout: 1_500,
      })
      .toBe(true)
    expect((await pending).code).toBe('timeout')
  })

  it('counts the calls it answers, per method', async () => {
    const { fake, connect } = await setup()
    const wallet = await connect()
    await wallet.createInvoice({
      amountMsats: 1000,
      description: '',
      expirySeconds: 60,
      signal: never(),
    })
    await wallet.balance(never())
    expect(fake.calls()).toEqual({ make_invoice: 1, get_balance: 1 })
  })

  it('refuses an invoice for the wrong amount', async () => {
    const { fake, connect } = await setup()
    const wallet = await connect()
    fake.setHostile('bogus-invoice')
    const error = await rejection(
      wallet.createInvoice({
        amountMsats: 21_000,
        description: 'x',
        expirySeconds: 60,
        signal: never(),
      }),
    )
    expect(error.code).toBe('invalid-response')
    expect(error.message).toMatch(/invoice asks for 2.1 sats, not 21 sats/)
  })

  it('says when the wallet has published nothing on its relay', async () => {
    const relay = await startRelay()
    cleanups.push(() => relay.stop())
    const stranger = getPublicKey(generateSecretKey())
    const uri = `nostr+walletconnect://${stranger}?relay=${relay.url}&secret=${'11'.repeat(32)}`
    const error = await rejection(connectNwc(uri, { WebSocket: ws, timeoutMs: 1_000 }))
    expect(error.code).toBe('unreachable')
    expect(error.message).toMatch(/has not published what it can do .*ws:\/\/127.0.0.1/)
    expect(error.message).toMatch(/did not answer either/)
  })

  it('says when none of the wallet’s relays can be reached', async () => {
    const relay = await startRelay()
    const url = relay.url
    await relay.stop()
    const uri = `nostr+walletconnect://${'22'.repeat(32)}?relay=${url}&secret=${'11'.repeat(32)}`
    const started = Date.now()
    const error = await rejection(connectNwc(uri, { WebSocket: ws, timeoutMs: 500 }))
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(error.code).toBe('unreachable')
    expect(error.message).toMatch(/Could not reach the wallet's relays within 0.5 s \(ws:/)
  })

  it('refuses a connection string it cannot read before touching the network', async () => {
    const error = await rejection(connectNwc('nostr+walletconnect://nope'))
    expect(error).toBeInstanceOf(WalletError)
    expect(error.message).toMatch(/not 64 hex/)
  })

  it('keeps working after the relay restarts', async () => {
    const { relay, connect } = await setup({}, { timeoutMs: 4_000 })
    const wallet = await connect()
    await relay.restart()
    expect(await wallet.balance(never())).toEqual({ msats: 0 })
  })

  it('stops waiting when the caller aborts or the wallet is closed', async () => {
    const { fake, connect } = await setup({}, { timeoutMs: 5_000 })
    const wallet = await connect()
    fake.setUnreachable(true)
    const controller = new AbortController()
    const asked = wallet.balance(controller.signal)
    controller.abort(new Error('job cancelled'))
    expect((await rejection(asked)).message).toBe('job cancelled')
    const pending = wallet.balance(never())
    wallet.close()
    const closed = await rejection(pending)
    expect(closed).toBeInstanceOf(WalletError)
    expect(closed.message).toMatch(/closed/)
  })
})

const sell = (wallet: { createInvoice: NwcWallet['createInvoice'] }) =>
  wallet.createInvoice({
    amountMsats: 21_000,
    description: 'job',
    expirySeconds: 600,
    signal: never(),
  })

describe.each([
  ['a comma-separated method list (Alby, once)', { variants: ['comma-list'] }, 'nip44_v2'],
  [
    'a legacy v 1.0 tag and no encryption tag',
    { variants: ['legacy-version'], encryption: 'both' },
    'nip44_v2',
  ],
  ['no info event (CoinOS)', { variants: ['no-info-event'], encryption: 'nip04' }, 'nip04'],
  ['no payment_hash in its answers (CoinOS)', { variants: ['no-payment-hash'] }, 'nip44_v2'],
  [
    'no info event and no payment_hash (CoinOS)',
    { variants: ['no-info-event', 'no-payment-hash'], encryption: 'both' },
    'nip04',
  ],
] satisfies [string, Omit<NwcWalletOptions, 'relayUrl'>, string][])(
  'a wallet with %s',
  (_what, options, encryption) => {
    it('connects, invoices, and sees the payment settle', async () => {
      const { fake, connect } = await setup(options)
      const wallet = await connect()
      expect(wallet.encryption).toBe(encryption)
      expect(wallet.methods).toEqual(expect.arrayContaining(['make_invoice', 'lookup_invoice']))
      expect(wallet.notifies).toBe(true)
      const payments = firstPayment(wallet)
      const invoice = await sell(wallet)
      const made = fake.invoices()[0]
      expect(invoice.paymentHash).toBe(made?.paymentHash)
      await fake.pay(invoice.bolt11)
      expect(await payments.first).toMatchObject({
        paymentHash: made?.paymentHash,
        via: 'notification',
      })
      expect(await wallet.lookupInvoice(invoice, never())).toMatchObject({ state: 'settled' })
      const lookup = fake.requests().find((r) => r.method === 'lookup_invoice')
      // Without a hash from the wallet, the invoice itself is how it knows the invoice.
      expect(lookup?.params).toEqual(
        (options.variants as string[]).includes('no-payment-hash')
          ? { invoice: invoice.bolt11 }
          : { payment_hash: invoice.paymentHash },
      )
    })
  },
)

describe('a wallet without an info event', () => {
  it('says what it learned over get_info, and how', async () => {
    const { fake, connect } = await setup({ variants: ['no-info-event'], encryption: 'nip04' })
    const wallet = await connect()
    expect(fake.calls()).toEqual({ get_info: 1 })
    expect(wallet.about).toMatch(
      /publishes no description of itself .* NIP-04 with it; over get_info it says it can: make_invoice, lookup_invoice/,
    )
    expect(wallet.about).toMatch(/announces payments itself/)
  })

  it('assumes it can sell when get_info is refused, and says so', async () => {
    const { connect } = await setup({
      variants: ['no-info-event'],
      encryption: 'nip04',
      rateLimits: { get_info: 0 },
    })
    const wallet = await connect()
    expect(wallet.methods).toEqual(['make_invoice', 'lookup_invoice'])
    expect(wallet.notifies).toBe(false)
    expect(wallet.about).toMatch(/assumes it can make and look up invoices/)
  })
})

describe('a wallet that throttles (RATE_LIMITED)', () => {
  it('pauses every call to it, without sending, and says until when', async () => {
    const { fake, connect } = await setup({ rateLimits: { get_balance: 1 } })
    const wallet = await connect()
    const told: (Throttle | null)[] = []
    wallet.onThrottle?.((t) => told.push(t))
    expect(await wallet.balance(never())).toEqual({ msats: 0 })
    const throttled = await rejection(wallet.balance(never()))
    expect(throttled.code).toBe('rate-limited')
    expect(wallet.throttle?.()).toMatchObject({
      reason: expect.stringMatching(/RATE_LIMITED.*60 s/),
    })
    expect(told).toHaveLength(1)
    const before = fake.requests().length
    // Every method waits, not only the one that was refused.
    const paused = await rejection(sell(wallet))
    expect(paused.code).toBe('rate-limited')
    expect(paused.message).toMatch(/calls it again in \d+ s/)
    expect(fake.requests()).toHaveLength(before)
  })
})

describe('a wallet whose lookups never say settled (Primal)', () => {
  it('still notifies, signed by its key: the payment is heard while lookups say pending', async () => {
    const { connect, fake } = await setup({ variants: ['never-settles'] })
    const wallet = await connect()
    const payments = firstPayment(wallet)
    const invoice = await sell(wallet)
    await fake.pay(invoice.bolt11)
    expect(await payments.first).toMatchObject({
      paymentHash: invoice.paymentHash,
      via: 'notification',
    })
    expect(await wallet.lookupInvoice(invoice, never())).toMatchObject({ state: 'pending' })
  })
})

describe('a wallet that can list transactions', () => {
  it('looks up many invoices in one call', async () => {
    const methods = ['make_invoice', 'lookup_invoice', 'list_transactions', 'notifications']
    const { fake, connect } = await setup({ methods })
    const wallet = await connect()
    const [a, b, c] = [await sell(wallet), await sell(wallet), await sell(wallet)]
    if (!a || !b || !c) throw new Error('no invoices')
    await fake.pay(b.bolt11)
    const statuses = await wallet.lookupInvoices?.([a, b, c], never())
    expect(statuses && Object.fromEntries([...statuses].map(([id, s]) => [id, s.state]))).toEqual({
      [a.id]: 'pending',
      [b.id]: 'settled',
      [c.id]: 'pending',
    })
    expect(fake.calls()).toEqual({ make_invoice: 3, list_transactions: 1 })
  })
})
