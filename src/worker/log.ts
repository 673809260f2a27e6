import type { LogLevel } from '../shared/worker-api.ts'

/** Engine log: one line a thing that happened, in words. Never a secret. */
export type Log = (level: LogLevel, message: string) => void

export const errorText = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error'
