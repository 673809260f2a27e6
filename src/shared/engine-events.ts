/** The one union of events the worker pushes across the boundary. */
import type { EngineCounts, SnapshotSlices } from './engine-snapshot.ts'
import type { JobChange } from './job-change.ts'

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

export type EngineEvent =
  | { type: 'slices'; slices: SnapshotSlices }
  | { type: 'counts'; counts: EngineCounts }
  | JobsEvent
  | { type: 'log'; entry: LogEntry }
  | PullEvent
  | ProgressEvent
