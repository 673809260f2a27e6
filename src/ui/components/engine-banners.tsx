import { useAtom, useAtomValue } from 'jotai'
import { engineErrorAtom, setupLinkErrorAtom } from '../state/engine-atoms.ts'

/** Problems with the engine itself or with a setup link, shown above everything. */
export const EngineBanners = () => {
  const engineError = useAtomValue(engineErrorAtom)
  const [setupError, setSetupError] = useAtom(setupLinkErrorAtom)
  return (
    <>
      {engineError !== null && (
        <div className="banner tone-bad" role="alert">
          <span>{engineError} If this stays, reload the page.</span>
          <button type="button" className="small" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      )}
      {setupError !== null && (
        <div className="banner tone-bad" role="alert">
          <span>{setupError}</span>
          <button type="button" className="small" onClick={() => setSetupError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  )
}
