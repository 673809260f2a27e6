/** The Wallet pane's commands: connect, disconnect, withdraw, payments, secrets. */
import type { JobRecord } from '../../shared/job-state.ts'
import { err, ok } from '../../shared/result.ts'
import type { EngineApi } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import type { SecretStore } from '../store/secrets.ts'
import { readBolt11 } from '../wallet/bolt11-amount.ts'
import { encodeNsec } from './provider-key.ts'
import type { WalletSession } from './wallet-session.ts'

const WITHDRAW_TIMEOUT_MS = 120_000

export type WalletCommands = Pick<
  EngineApi,
  | 'newSparkMnemonic'
  | 'connectSpark'
  | 'connectNwc'
  | 'disconnectWallet'
  | 'readInvoice'
  | 'withdraw'
  | 'recentPayments'
  | 'revealSecret'
>

export const createWalletCommands = (d: {
  session: WalletSession
  secrets: Pick<SecretStore, 'get'>
  secretKey: () => Uint8Array
  /** Newest first. */
  list: (limit: number) => Promise<JobRecord[]>
  log: Log
}): WalletCommands => ({
  newSparkMnemonic: d.session.newSparkMnemonic,
  connectSpark: ({ mnemonic, network }) => d.session.connectSpark(mnemonic, network),
  connectNwc: d.session.connectNwc,
  disconnectWallet: d.session.disconnect,
  async readInvoice(bolt11) {
    const invoice = readBolt11(bolt11)
    return invoice
      ? ok({ amountMsats: invoice.amountMsats })
      : err('This is not a Lightning invoice. Check what was pasted.')
  },
  async withdraw(bolt11) {
    const wallet = d.session.wallet()
    if (!wallet) return err('No wallet is ready to pay from.')
    try {
      const paid = await wallet.payInvoice(bolt11.trim(), AbortSignal.timeout(WITHDRAW_TIMEOUT_MS))
      d.log('info', 'withdrawal paid')
      void d.session.refreshBalance()
      return ok(paid)
    } catch (e) {
      return err(`The payment did not go through: ${errorText(e)}`)
    }
  },
  async recentPayments() {
    const jobs = await d.list(500)
    return jobs
      .filter((j) => j.paidMsats)
      .slice(0, 50)
      .map((j) => ({
        jobId: j.id,
        amountSats: Math.floor((j.paidMsats ?? 0) / 1000),
        at: j.paidAt ?? j.receivedAt,
      }))
  },
  async revealSecret(name) {
    if (name === 'provider-key') return ok(encodeNsec(d.secretKey()))
    const value = await d.secrets.get(name)
    return value ? ok(value) : err('Nothing is saved under that name.')
  },
})
