import { useCallback, useState } from 'react'
import type { CommandName } from '../../shared/worker-api.ts'
import { getEngine } from '../worker-client.ts'
import { settle, type CommandArgs, type CommandOutcome } from './command-answer.ts'

type Call = (...args: unknown[]) => Promise<never>

/**
 * The one way a control runs an engine command: busy while it runs, and the engine's reason
 * (or the transport's) in `error` when it fails. Resolves to the outcome; it never rejects.
 */
export const useCommand = () => {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = useCallback(
    async <K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<CommandOutcome<K>> => {
      setBusy(true)
      setError(null)
      const outcome = await settle<K>(
        Promise.resolve().then(() => (getEngine()[name] as unknown as Call)(...args)),
      )
      if (!outcome.ok) setError(outcome.error)
      setBusy(false)
      return outcome
    },
    [],
  )

  return { busy, error, setError, run }
}
