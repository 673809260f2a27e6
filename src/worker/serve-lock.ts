const LOCK_NAME = 'sell-compute-serving'

/**
 * Only one tab serves (Web Locks): the lock is held until `release` is called or the tab goes
 * away, and the browser hands it over to nobody else meanwhile.
 */
export const acquireServeLock = (): Promise<(() => void) | null> =>
  new Promise((resolve) => {
    if (!('locks' in navigator)) return resolve(() => undefined)
    void navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null)
        return undefined
      }
      return new Promise<void>((released) => resolve(released))
    })
  })

/**
 * Resolves with the lock once no other tab holds it (that tab closed or went offline), or with
 * null when `signal` aborts first.
 */
export const waitForServeLock = (signal: AbortSignal): Promise<(() => void) | null> =>
  new Promise((resolve) => {
    if (!('locks' in navigator)) return resolve(null)
    navigator.locks
      .request(LOCK_NAME, { signal }, (lock) =>
        lock ? new Promise<void>((released) => resolve(released)) : undefined,
      )
      .catch(() => resolve(null))
  })
