import { atom, type Atom } from 'jotai'
import { jobChangesAtom } from './engine-atoms.ts'
import type { Store } from './store.ts'
import { store as appStore } from './store.ts'

/**
 * Call `onChange` after the engine said jobs changed (a job arrived or moved on), at most once
 * per `ms`: a busy provider changes jobs many times a second, and no view needs them that often.
 */
export const onJobChanges = (store: Store, ms: number, onChange: () => void): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = store.sub(jobChangesAtom, () => {
    timer ??= setTimeout(() => {
      timer = undefined
      onChange()
    }, ms)
  })
  return () => {
    unsubscribe()
    clearTimeout(timer)
  }
}

/**
 * A signal for a query atom of jobs: it moves as `onJobChanges` calls, and once when a view
 * mounts it again (jobs may have changed while nobody watched), so the query reads again then.
 */
export const jobsChangedEvery = (ms: number, store: Store = appStore): Atom<number> => {
  const tick = atom(0)
  let mountedBefore = false
  tick.onMount = (set) => {
    if (mountedBefore) set((n) => n + 1)
    mountedBefore = true
    return onJobChanges(store, ms, () => set((n) => n + 1))
  }
  return tick
}
