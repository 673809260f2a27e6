import { useStore } from 'jotai'
import { useEffect, useRef } from 'react'
import { jobsAtom } from '../../state/engine-atoms.ts'

/**
 * Call `onChange` after jobs change (a job arrived or moved on), at most once per
 * `intervalMs`: a busy provider changes jobs many times a second.
 */
export const useJobChanges = (onChange: () => void, intervalMs: number): void => {
  const store = useStore()
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  }, [onChange])
  useEffect(() => {
    let timer: number | undefined
    const unsubscribe = store.sub(jobsAtom, () => {
      if (timer !== undefined) return
      timer = window.setTimeout(() => {
        timer = undefined
        latest.current()
      }, intervalMs)
    })
    return () => {
      unsubscribe()
      window.clearTimeout(timer)
    }
  }, [store, intervalMs])
}
