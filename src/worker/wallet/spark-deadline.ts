import { WalletError } from './wallet.ts'

export interface Deadline {
  signal: AbortSignal
  timeoutMs: number
  /** What we were doing, for the timeout message: "creating an invoice". */
  what: string
}

/**
 * The SDK's calls take no AbortSignal, so on abort or timeout we stop waiting, not the work:
 * the call may still finish at Spark. `onLate` receives such a late result (a wallet that
 * connected after we gave up must still be closed). An abort rejects with the signal's own
 * reason so the caller can tell its cancellation from a failure.
 */
export const withDeadline = <T>(
  work: () => Promise<T>,
  { signal, timeoutMs, what }: Deadline,
  onLate?: (value: T) => void,
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    let done = false
    const finish = () => {
      done = true
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      finish()
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      finish()
      reject(
        new WalletError(
          `Spark did not answer within ${formatSeconds(timeoutMs)} while ${what}. ` +
            'Check the internet connection and try again.',
          'timeout',
        ),
      )
    }, timeoutMs)
    signal.addEventListener('abort', onAbort, { once: true })
    work().then(
      (value) => {
        if (done) return onLate?.(value)
        finish()
        resolve(value)
      },
      (e: unknown) => {
        if (done) return
        finish()
        reject(e)
      },
    )
  })

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })

const formatSeconds = (ms: number): string =>
  ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`
