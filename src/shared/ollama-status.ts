/** What the engine knows about the local Ollama: its models, what is loaded, what cannot run. */

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
