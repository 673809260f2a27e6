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
