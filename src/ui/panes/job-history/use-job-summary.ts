import { useCallback, useEffect, useState } from 'react'
import { errorText } from '../../../shared/result.ts'
import type { JobSummary } from '../../../shared/worker-api.ts'
import { getEngine } from '../../worker-client.ts'
import { useJobChanges } from './use-job-changes.ts'

/** The history's figures, asked for again as jobs change. */
export const useJobSummary = (): { summary: JobSummary | null; error: string | null } => {
  const [summary, setSummary] = useState<JobSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    getEngine()
      .jobSummary()
      .then(
        (s) => {
          setSummary(s)
          setError(null)
        },
        (e: unknown) => setError(`The figures could not be read: ${errorText(e)}`),
      )
  }, [])
  useEffect(load, [load])
  useJobChanges(load, 1000)
  return { summary, error }
}
