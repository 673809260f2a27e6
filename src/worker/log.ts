import type { LogLevel } from '../shared/worker-api.ts'

/** Engine log: one line a thing that happened, in words. Never a secret. */
export type Log = (level: LogLevel, message: string) => void

/** The one errorText (shared/result.ts), here beside the log that most often needs it. */
export { errorText } from '../shared/result.ts'
