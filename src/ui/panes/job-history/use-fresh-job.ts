import { useAtomValue } from 'jotai'
import { useEffect, useState } from 'react'
import type { JobRecord } from '../../../shared/job-state.ts'
import { jobsAtom } from '../../state/engine-atoms.ts'
import { getEngine } from '../../worker-client.ts'

/** A job's timeline only grows: the longer one is newer; on a tie the later copy wins. */
const newest = (...copies: (JobRecord | null | undefined)[]): JobRecord | undefined =>
  copies.reduce<JobRecord | undefined>(
    (best, c) => (c && (!best || c.timeline.length >= best.timeline.length) ? c : best),
    undefined,
  )

/** The newest copy of a job: the row's, the stored one, or one the engine just published. */
export const useFreshJob = (shown: JobRecord): JobRecord => {
  const [stored, setStored] = useState<JobRecord | null>(null)
  const live = useAtomValue(jobsAtom).get(shown.id)
  useEffect(() => {
    let current = true
    getEngine()
      .getJob(shown.id)
      .then(
        (job) => current && setStored(job),
        // The row's copy is still worth showing when the store cannot be read.
        () => undefined,
      )
    return () => {
      current = false
    }
  }, [shown.id])
  return newest(shown, stored?.id === shown.id ? stored : null, live) ?? shown
}
