import { useStore } from 'jotai'
import { useEffect, useRef } from 'react'
import { onJobChanges } from '../../state/job-changes.ts'

/** Call `onChange` after jobs change, at most once per `intervalMs` (see onJobChanges). */
export const useJobChanges = (onChange: () => void, intervalMs: number): void => {
  const store = useStore()
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  }, [onChange])
  useEffect(() => onJobChanges(store, intervalMs, () => latest.current()), [store, intervalMs])
}
