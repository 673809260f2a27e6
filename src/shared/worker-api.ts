/**
 * The one boundary between the UI thread and the engine worker (comlink).
 * Commands are a table of payload and result types; the worker pushes one union of events
 * (engine-events.ts). The types the commands speak live beside it, by concept, and are
 * re-exported here so a caller names one module for the boundary.
 */
import type { EngineEvent, LogEntry } from './engine-events.ts'
import type { EngineSnapshot } from './engine-snapshot.ts'
import type { JobPage, JobPageQuery, JobSeries, JobSeriesQuery, JobSummary } from './job-history.ts'
import type { JobRecord } from './job-state.ts'
import type { MarketReport } from './market/report.ts'
import type { OllamaStatus } from './ollama-status.ts'
import type { ProviderState } from './provider-state.ts'
import type { Result } from './result.ts'
import type { Settings, SettingsErrors, SettingsForm } from './settings.ts'
import type { SetupLinkReview, SetupLinkValues } from './setup-link.ts'
import type { PaymentRecord, SparkNetwork, WalletStatus } from './wallet-status.ts'

export type * from './engine-events.ts'
export type * from './engine-snapshot.ts'
export type * from './job-history.ts'
export type * from './ollama-status.ts'
export type * from './relay-status.ts'
export type * from './wallet-status.ts'

export type SecretName = 'provider-key' | 'spark-mnemonic' | 'nwc-uri'

export type { ProviderState } from './provider-state.ts'

/** How a "Send test job" round trip went: through the relays to this provider and back. */
export interface TestJobReport {
  requestId: string
  /** From publishing the request to the answer arriving, in ms. */
  latencyMs: number
  /** 'result': the 6050 came back; 'payment-required': priced, so the test cancelled it. */
  outcome: 'result' | 'payment-required'
  /** The generated text, or the price asked. */
  detail: string
}

/** Every command: its payload and its result. */
export interface Commands {
  snapshot: { payload: void; result: EngineSnapshot }
  saveSettings: { payload: SettingsForm; result: Result<Settings, SettingsErrors> }
  /**
   * Settings handed over by a link (?relays=..&ollama=..), as the demo does: says what would
   * change, and saves only on a first run with nothing to warn about, or once `confirmed`.
   */
  applySetupLink: {
    payload: SetupLinkValues & { confirmed?: boolean }
    result: Result<SetupLinkReview, SettingsErrors>
  }
  goOnline: { payload: void; result: Result<ProviderState> }
  goOffline: { payload: void; result: ProviderState }
  checkOllama: { payload: void; result: OllamaStatus }
  /** Job History: one page of the filtered, sorted history and how many match. */
  queryJobs: { payload: JobPageQuery; result: JobPage }
  jobSummary: { payload: void; result: JobSummary }
  jobSeries: { payload: JobSeriesQuery; result: JobSeries }
  getJob: { payload: string; result: JobRecord | null }
  recentLog: { payload: void; result: LogEntry[] }
  exportNsec: { payload: void; result: string }
  importNsec: { payload: string; result: Result<{ npub: string }> }
  /** A new Spark recovery phrase, made offline; nothing is saved until connectSpark. */
  newSparkMnemonic: { payload: void; result: string }
  connectSpark: {
    payload: { mnemonic: string; network: SparkNetwork }
    result: Result<WalletStatus>
  }
  connectNwc: { payload: string; result: Result<WalletStatus> }
  disconnectWallet: { payload: void; result: WalletStatus }
  /** What a pasted invoice asks for (msats; null: the payer chooses), shown before a withdraw. */
  readInvoice: { payload: string; result: Result<{ amountMsats: number | null }> }
  /** Pay a bolt11 invoice from the wallet (withdraw), after the person confirmed. */
  withdraw: { payload: string; result: Result<{ preimage?: string }> }
  recentPayments: { payload: void; result: PaymentRecord[] }
  /** Only when the person pressed Reveal. */
  revealSecret: { payload: SecretName; result: Result<string> }
  /** Download a model into Ollama; progress arrives as `pull` events. Ends when it does. */
  pullModel: { payload: string; result: Result<void> }
  cancelPull: { payload: string; result: void }
  deleteModel: { payload: string; result: Result<void> }
  /** The models offered for sale; empty means every installed model. */
  setOfferedModels: { payload: string[]; result: Result<Settings> }
  /**
   * A model's own prices over the defaults, as typed (whole sats); both empty: back to the
   * default prices.
   */
  setModelPrice: {
    payload: { model: string; perJobSats: string; per1kTokensSats: string }
    result: Result<Settings>
  }
  /** A real kind 5050 from a throwaway key, addressed to this provider, timed to its answer. */
  sendTestJob: { payload: void; result: Result<TestJobReport> }
  /**
   * Resolves once the engine is idle: no job running or queued, no delivery, intake or
   * cancellation in flight, every relay publish settled. Tests wait on it, after the event
   * they expect, before they count what happened ("exactly once", "nothing more").
   */
  whenIdle: { payload: void; result: void }
  /** The Market pane: demand, other providers and a price hint, watched online or not. */
  marketReport: { payload: void; result: MarketReport }
}

export type CommandName = keyof Commands

/** The API the worker exposes. `subscribe` takes a comlink-proxied listener. */
export type EngineApi = {
  [K in CommandName]: Commands[K]['payload'] extends void
    ? () => Promise<Commands[K]['result']>
    : (payload: Commands[K]['payload']) => Promise<Commands[K]['result']>
} & {
  subscribe(listener: (events: EngineEvent[]) => void): Promise<EngineSnapshot>
}
