import { isFree } from '../../../shared/pricing.ts'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { PROVIDER_WORDS } from '../../status-words.ts'

type Shown = Pick<EngineSnapshot, 'state' | 'stateReason' | 'ollama' | 'wallet' | 'settings'>

/** Why "Go Online" is disabled, in words; undefined when it is not. */
const blocker = (s: Shown): string | undefined => {
  if (s.state === 'serving-elsewhere') {
    return 'Another tab of this app is serving. Close it (or go offline there) to serve from here.'
  }
  if (s.ollama.state !== 'ready') return 'Go Online needs Ollama to be ready (see above).'
  if (!takesPaidJobs(s)) return 'Go Online needs a ready wallet for paid jobs (see Wallet above).'
  return undefined
}

const takesPaidJobs = (s: Shown) => s.wallet.state === 'ready' || isFree(s.settings)

/** "Online" in green only when the provider can take what it sells. */
export const NOT_TAKING_PAID = 'Online, not taking paid jobs: connect a wallet'
const stateWords = (s: Shown) =>
  s.state === 'online' && !takesPaidJobs(s)
    ? { words: NOT_TAKING_PAID, tone: 'busy' as const }
    : PROVIDER_WORDS[s.state]

export const OnlineControls = ({ snapshot }: { snapshot: Shown }) => {
  const { busy: pending, error, run } = useCommand()
  const { words, tone } = stateWords(snapshot)
  const why = blocker(snapshot)
  const serving = snapshot.state === 'online' || snapshot.state === 'going-online'

  return (
    <div className={`online-controls tone-${tone}`}>
      <div className="provider-state">
        <span className="dot" aria-hidden="true" />
        <span role="status" className="provider-state-word">
          {words}
        </span>
      </div>
      {serving ? (
        <button
          type="button"
          className="primary"
          disabled={pending}
          onClick={() => void run('goOffline')}
        >
          Go Offline
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={pending || why !== undefined || snapshot.state === 'going-offline'}
          aria-describedby={why === undefined ? undefined : 'go-online-blocker'}
          onClick={() => void run('goOnline')}
        >
          Go Online
        </button>
      )}
      {!serving && why !== undefined && (
        <p id="go-online-blocker" className="hint">
          {why}
        </p>
      )}
      {snapshot.stateReason !== undefined && snapshot.stateReason !== '' && (
        <p className="reason">{snapshot.stateReason}</p>
      )}
      {error !== null && error !== snapshot.stateReason && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
