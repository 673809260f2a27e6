import { useCallback, useState } from 'react'
import type { Result } from '../../shared/result.ts'

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** A command's error: a sentence, or a form's errors by field (all of them, in order). */
const reasonOf = (error: unknown): string =>
  typeof error === 'object' && error !== null
    ? Object.values(error).map(String).join(' ')
    : String(error)

/**
 * One engine command at a time from a control: busy while it runs, and the engine's reason
 * (or the transport's) when it fails. Resolves to the value, or undefined on failure.
 */
export const useCommand = () => {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(
    async <T, E>(call: () => Promise<Result<T, E>>): Promise<T | undefined> => {
      setBusy(true)
      setError(null)
      try {
        const result = await call()
        if (result.ok) return result.value
        setError(reasonOf(result.error))
      } catch (e) {
        setError(errorText(e))
      } finally {
        setBusy(false)
      }
      return undefined
    },
    [],
  )

  return { busy, error, setError, run }
}
