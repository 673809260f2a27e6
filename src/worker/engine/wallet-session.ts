/**
 * The provider's wallet: which backend, its connection, its status in words. Secrets go to
 * the secret store (encrypted at rest), never to the log or the UI unasked.
 */
import { isFree } from '../../shared/pricing.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { Settings } from '../../shared/settings.ts'
import type { SparkNetwork, WalletKind, WalletStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { SecretStore } from '../store/secrets.ts'
import { connectNwc } from '../wallet/nwc.ts'
import { WalletError, type IncomingPayment, type Throttle, type Wallet } from '../wallet/wallet.ts'

const BALANCE_EVERY_MS = 60_000

export interface WalletSessionDeps {
  secrets: SecretStore
  kv: KvStore
  log: Log
  settings: () => Settings
  onStatus: (s: WalletStatus) => void
  onPayment: (p: IncomingPayment) => void
  WebSocket?: typeof WebSocket
  /** ms epoch; tests pin it. */
  now?: () => number
}

export type WalletSession = ReturnType<typeof createWalletSession>

export const createWalletSession = (d: WalletSessionDeps) => {
  let wallet: Wallet | null = null
  let status: WalletStatus = { state: 'not-connected' }
  let detail = ''
  let stopHints: (() => void) | null = null
  let stopThrottle: (() => void) | null = null
  let timer: ReturnType<typeof setInterval> | undefined
  // When the balance shown was read: the pane says how old it is.
  let balanceReadAt: number | undefined

  const idle = (): WalletStatus =>
    isFree(d.settings())
      ? { state: 'not-needed', reason: 'Jobs are free (price 0), so no wallet is needed.' }
      : {
          state: 'not-connected',
          reason: 'Paid jobs need a wallet: create or connect one in the Wallet pane.',
        }
  let readyWaiters: (() => void)[] = []
  const set = (s: WalletStatus) => {
    status = s
    d.onStatus(s)
    if (s.state !== 'ready') return
    const waiters = readyWaiters
    readyWaiters = []
    for (const w of waiters) w()
  }

  /** The ready status with what is known of the wallet: its description and any throttle. */
  const ready = (w: Wallet, balanceSats: number | undefined, t = w.throttle?.() ?? null) => {
    const s: WalletStatus = { state: 'ready', kind: w.kind, detail }
    if (balanceSats !== undefined) s.balanceSats = balanceSats
    if (balanceSats !== undefined && balanceReadAt !== undefined) s.balanceReadAt = balanceReadAt
    if (w.canPay === false) s.canPay = false
    if (w.about) s.about = w.about
    if (t) {
      s.throttledUntil = t.until
      s.throttleReason = t.reason
    }
    return s
  }

  const onThrottle = (w: Wallet) => (t: Throttle | null) => {
    if (wallet === w && status.state === 'ready') set(ready(w, status.balanceSats, t))
  }

  const refreshBalance = async () => {
    if (!wallet) return
    try {
      const { msats } = await wallet.balance(AbortSignal.timeout(15_000))
      balanceReadAt = (d.now ?? Date.now)()
      set(ready(wallet, Math.floor(msats / 1000)))
    } catch (e) {
      // A throttling wallet is still our wallet: it stays ready, and the pane says it waits.
      if (e instanceof WalletError && e.code === 'rate-limited' && status.state === 'ready')
        return set(ready(wallet, status.balanceSats))
      set({
        state: 'error',
        kind: wallet.kind,
        detail,
        reason: `The wallet did not answer: ${errorText(e)}`,
      })
    }
  }

  const adopt = async (next: Wallet, kind: WalletKind, words: string) => {
    close()
    wallet = next
    detail = words
    stopHints = next.onPayment(d.onPayment)
    stopThrottle = next.onThrottle?.(onThrottle(next)) ?? null
    timer = setInterval(() => void refreshBalance(), BALANCE_EVERY_MS)
    await refreshBalance()
    d.log('info', `wallet connected: ${kind} (${words})`)
  }

  const close = () => {
    balanceReadAt = undefined
    clearInterval(timer)
    stopHints?.()
    stopHints = null
    stopThrottle?.()
    stopThrottle = null
    wallet?.close()
    wallet = null
  }

  const connect = async (
    kind: WalletKind,
    open: () => Promise<Wallet>,
    words: string,
  ): Promise<Result<WalletStatus>> => {
    set({ state: 'connecting', kind, detail: words })
    try {
      await adopt(await open(), kind, words)
      return ok(status)
    } catch (e) {
      const reason = errorText(e)
      set({ ...idle(), state: 'error', kind, reason })
      d.log('warn', `wallet (${kind}) not connected: ${reason}`)
      return err(reason)
    }
  }

  const openSpark = async (mnemonic: string, network: SparkNetwork) => {
    // The SDK is about 6 MB with WebAssembly: load it only when a Spark wallet is used.
    const [{ loadSparkSdk }, { createSparkWallet }] = await Promise.all([
      import('../wallet/spark-sdk.ts'),
      import('../wallet/spark.ts'),
    ])
    return createSparkWallet({ sdk: await loadSparkSdk(), mnemonic, network, log: d.log })
  }

  return {
    status: () => (wallet ? status : status.state === 'error' ? status : idle()),
    wallet: () => (status.state === 'ready' ? wallet : null),
    refreshBalance,
    /** After a settings change: free or not changes what "no wallet" means. */
    refreshIdle: () => !wallet && status.state !== 'error' && set(idle()),
    async newSparkMnemonic() {
      const { generateMnemonic } = await import('../wallet/spark-mnemonic.ts')
      return generateMnemonic()
    },
    async connectSpark(mnemonic: string, network: SparkNetwork) {
      const { validateMnemonic, normalizeMnemonic } = await import('../wallet/spark-mnemonic.ts')
      const phrase = normalizeMnemonic(mnemonic)
      if (!validateMnemonic(phrase))
        return err('That recovery phrase is not valid: check every word and their order.')
      const r = await connect('spark', () => openSpark(phrase, network), `Spark, ${network}`)
      if (r.ok) {
        await d.secrets.put('spark-mnemonic', phrase)
        await d.secrets.delete('nwc-uri')
        await d.kv.setWallet({ kind: 'spark', network })
      }
      return r
    },
    async connectNwc(uri: string) {
      const r = await connect(
        'nwc',
        () =>
          connectNwc(uri.trim(), {
            log: d.log,
            ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
          }),
        'Nostr Wallet Connect',
      )
      if (r.ok) {
        await d.secrets.put('nwc-uri', uri.trim())
        await d.secrets.delete('spark-mnemonic')
        await d.kv.setWallet({ kind: 'nwc' })
      }
      return r
    },
    async disconnect() {
      close()
      await Promise.all([
        d.secrets.delete('spark-mnemonic'),
        d.secrets.delete('nwc-uri'),
        d.kv.setWallet(null),
      ])
      set(idle())
      d.log('info', 'wallet disconnected')
      return status
    },
    /** On start: reconnect the wallet saved last time. */
    async resume() {
      const saved = await d.kv.wallet()
      if (!saved) return set(idle())
      if (saved.kind === 'nwc') {
        const uri = await d.secrets.get('nwc-uri')
        if (uri)
          await connect(
            'nwc',
            () =>
              connectNwc(uri, { log: d.log, ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}) }),
            'Nostr Wallet Connect',
          )
      } else {
        const phrase = await d.secrets.get('spark-mnemonic')
        const network = saved.network ?? 'mainnet'
        if (phrase) await connect('spark', () => openSpark(phrase, network), `Spark, ${network}`)
      }
    },
    /** Resolves when the wallet is ready, or after `ms` regardless. */
    whenReady: (ms: number): Promise<void> =>
      status.state === 'ready'
        ? Promise.resolve()
        : new Promise((resolve) => {
            const timer = setTimeout(resolve, ms)
            readyWaiters.push(() => {
              clearTimeout(timer)
              resolve()
            })
          }),
    close,
  }
}
