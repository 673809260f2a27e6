import { useCallback, useState } from 'react'
import type { Result } from '../../../shared/result.ts'
import { errorText } from './wallet-words.ts'

/**
 * One wallet command at a time from a form: busy while it runs, and the engine's reason
 * (or the transport's) when it fails. Resolves to the value, or undefined on failure.
 */
export const useWalletAction = () => {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(async <T>(call: () => Promise<Result<T>>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      const result = await call()
      if (result.ok) return result.value
      setError(result.error)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
    return undefined
  }, [])

  const clearError = useCallback(() => setError(null), [])

  return { busy, error, run, clearError }
}
