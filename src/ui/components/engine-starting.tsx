import { useAtomValue } from 'jotai'
import { engineErrorAtom } from '../state/engine-atoms.ts'

/** Shown in a pane until the engine has published its first snapshot. */
export const EngineStarting = () => {
  const failed = useAtomValue(engineErrorAtom) !== null
  return (
    <p className="muted" role="status">
      {failed
        ? 'The engine is not running: see the message at the bottom.'
        : 'Starting the engine…'}
    </p>
  )
}
