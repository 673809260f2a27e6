import type { Hub } from './hub.ts'

/** About four updates a second: smooth to watch, cheap to post across the worker boundary. */
export const PROGRESS_EVERY_MS = 250

/**
 * A running job's text so far and tokens streamed, for the Sell Compute pane. Every call is one
 * streamed chunk (one token in Ollama); the first goes out at once, the rest throttled.
 */
export const progressSender = (hub: Pick<Hub, 'emit'>, jobId: string, now: () => number) => {
  let last = -Infinity
  let tokens = 0
  return (text: string, reasoning = false) => {
    tokens++
    const t = now()
    if (t - last < PROGRESS_EVERY_MS) return
    last = t
    hub.emit({ type: 'progress', jobId, text, tokens, ...(reasoning ? { reasoning } : {}) })
  }
}
