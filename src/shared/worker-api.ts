/**
 * The one boundary between the UI thread and the engine worker (comlink).
 * Commands are a table of payload and result types; the worker pushes one union of events.
 */
import type { JobChange } from './job-change.ts'
import type { JobRecord, JobState } from './job-state.ts'
import type { MarketReport } from './market/report.ts'
import type { ProviderState } from './provider-state.ts'
import type { Result } from './result.ts'
import type { Settings, SettingsErrors, SettingsForm } from './settings.ts'
import type { SetupLinkReview, SetupLinkValues } from './setup-link.ts'

export interface ModelInfo {
  name: string
  digest: string
  sizeBytes: number
  family?: string
  parameterSize?: string
  quantization?: string
  /**
   * What Ollama's /api/show says it can do: `completion` (generate text), `thinking`,
   * `embedding`, `tools`, `vision`... Absent when Ollama did not say (older versions).
   */
  capabilities?: string[]
  /** The context it was trained for, in tokens (/api/show model_info). */
  contextLength?: number
}

/** A model in Ollama's memory now (/api/ps). */
export interface LoadedModel {
  name: string
  /** Memory it takes, all of it, and the part on the GPU. */
  sizeBytes: number
  vramBytes: number
  /** When Ollama unloads it unless used again (ms epoch). */
  expiresAt: number
  /** The context it was loaded with. */
  contextLength?: number
}

/** A model Ollama could not run on this machine, and why in Ollama's words. */
export interface UnusableModel {
  name: string
  reason: string
}

export type OllamaState = 'checking' | 'ready' | 'no-models' | 'unreachable' | 'blocked' | 'error'

export interface OllamaStatus {
  state: OllamaState
  url: string
  version?: string
  models: ModelInfo[]
  /** Why it is not ready, in words. */
  reason?: string
  /** What the person can do about it. */
  fix?: string
  /** Models in memory now (/api/ps). */
  loaded?: LoadedModel[]
  /** The models this provider is loading now, to sell them warm ("Loading <model>..."). */
  loading?: string[]
  /** Models that failed to load here (out of memory): neither offered nor used. */
  unusable?: UnusableModel[]
}

export type WalletState = 'not-needed' | 'not-connected' | 'connecting' | 'ready' | 'error'

export type WalletKind = 'spark' | 'nwc'
export type SparkNetwork = 'mainnet' | 'regtest'

export interface WalletStatus {
  state: WalletState
  kind?: WalletKind
  /** Spark's network, or the NWC wallet's relay, in words. */
  detail?: string
  reason?: string
  balanceSats?: number
  /** What is known about the wallet and how it was learned (NWC without an info event). */
  about?: string
  /** While the wallet throttles us: calls to it wait until then (ms epoch), with why. */
  throttledUntil?: number
  throttleReason?: string
}

/** A settled incoming payment for a job, as the wallet reported it. */
export interface PaymentRecord {
  jobId: string
  amountSats: number
  at: number
}

export type SecretName = 'provider-key' | 'spark-mnemonic' | 'nwc-uri'

export type RelayState = 'connecting' | 'connected' | 'disconnected'

export interface RelayStatus {
  url: string
  state: RelayState
  /** Why the last connection failed or closed. */
  reason?: string
  /** When the next attempt is due (ms epoch), while disconnected. */
  retryAt?: number
  attempts: number
  /** NIP-42: 'required' once the relay sent a challenge, then 'authenticated' or 'failed'. */
  auth?: RelayAuthState
  /** Why AUTH failed, in words (the relay's, or "never answered"). */
  authProblem?: string
  /** The relay's words when it refused us for good (`blocked:`, `restricted:`). */
  refused?: string
  /** Paused after `rate-limited:` until then (ms epoch). */
  rateLimitedUntil?: number
  /** NIP-11 `limitation`, when the relay published one. */
  limits?: RelayLimits
  /** Why its NIP-11 document could not be read. */
  infoProblem?: string
}

export type RelayAuthState = 'required' | 'authenticated' | 'failed'

/** The parts of a relay's NIP-11 `limitation` the provider acts on or shows. */
export interface RelayLimits {
  maxMessageLength?: number
  maxContentLength?: number
  maxEventTags?: number
  minPowDifficulty?: number
  authRequired?: boolean
  paymentRequired?: boolean
  restrictedWrites?: boolean
}

export type { ProviderState } from './provider-state.ts'

export interface EngineCounts {
  served: number
  failed: number
  satsEarned: number
  dropped: number
}

export interface EngineSnapshot {
  settings: Settings
  provider: { pubkey: string; npub: string }
  state: ProviderState
  /** Why the last Go Online failed, or why we are offline. */
  stateReason?: string
  ollama: OllamaStatus
  wallet: WalletStatus
  relays: RelayStatus[]
  counts: EngineCounts
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface LogEntry {
  seq: number
  at: number
  level: LogLevel
  message: string
}

/** A model download in Ollama: progress summed over its layers, then done (with an error or not). */
export interface PullEvent {
  type: 'pull'
  name: string
  /** Ollama's own words: "pulling manifest", "downloading", "verifying sha256 digest", "success". */
  status: string
  completed?: number
  total?: number
  done?: boolean
  error?: string
}

/** The job generating now: its text so far and tokens streamed, at most a few times a second. */
export interface ProgressEvent {
  type: 'progress'
  jobId: string
  text: string
  tokens: number
  /** The model is still reasoning (a thinking model); `text` has no answer yet. */
  reasoning?: boolean
}

/**
 * Jobs changed; whoever shows them reads them again (queryJobs, jobSummary). `version` grows
 * with every change the engine has journaled since it started.
 */
export interface JobsEvent {
  type: 'jobs'
  version: number
  changes: JobChange[]
}

/** The parts of the snapshot that changed, and only those; counts come as their own event. */
export type SnapshotSlices = Partial<Omit<EngineSnapshot, 'counts'>>

export type EngineEvent =
  | { type: 'slices'; slices: SnapshotSlices }
  | { type: 'counts'; counts: EngineCounts }
  | JobsEvent
  | { type: 'log'; entry: LogEntry }
  | PullEvent
  | ProgressEvent

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

/** What Job History filters on; a filter left out matches every job. */
export interface JobFilter {
  state?: JobState
  /** The customer's pubkey, hex. */
  customer?: string
  model?: string
}

export type JobOrder = 'newest' | 'oldest'

/** One page of the history, by position in the filtered and sorted list. */
export interface JobPageQuery extends JobFilter {
  offset: number
  limit: number
  order: JobOrder
}

export interface JobPage {
  /** How many jobs match the filter, on every page. */
  total: number
  jobs: JobRecord[]
}

/** The whole history in figures. Earned counts settled payments only. */
export interface JobSummary {
  jobs: number
  byState: Record<JobState, number>
  satsEarned: number
  /** When the first and the last job arrived (ms), if there are any. */
  firstAt?: number
  lastAt?: number
  /** Every model that has served a job, for the filter. */
  models: string[]
}

export interface JobSeriesQuery {
  /** The first bucket starts here (ms); buckets are [from + i * bucketMs, ...). */
  from: number
  to: number
  bucketMs: number
}

/** Jobs received and sats settled per bucket of time. */
export interface JobSeries {
  from: number
  /** Widened when the range would need too many buckets. */
  bucketMs: number
  jobs: number[]
  sats: number[]
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
  /** A real kind 5050 from a throwaway key, addressed to this provider, timed to its answer. */
  sendTestJob: { payload: void; result: Result<TestJobReport> }
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
  subscribe(listener: (event: EngineEvent) => void): Promise<EngineSnapshot>
}
