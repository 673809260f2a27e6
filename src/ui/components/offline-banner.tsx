import { useAtomValue } from 'jotai'
import { selectAtom } from 'jotai/utils'
import { snapshotAtom } from '../state/engine-atoms.ts'
import { useOnline } from './use-online.ts'

const ollamaReadyAtom = selectAtom(snapshotAtom, (s) => s?.ollama.state === 'ready')

/**
 * The device has no network: say what that means for selling instead of letting the relays
 * and Ollama look broken. An Ollama on this device may still answer; say so when it does.
 */
export const OfflineBanner = () => {
  const online = useOnline()
  const ollamaReady = useAtomValue(ollamaReadyAtom)
  if (online) return null
  return (
    <div className="banner tone-busy" role="status">
      <span>
        {ollamaReady
          ? "You are offline: relays can't be reached, so no jobs can arrive until the connection is back."
          : "You are offline: relays and Ollama can't be reached until the connection is back."}
      </span>
    </div>
  )
}
