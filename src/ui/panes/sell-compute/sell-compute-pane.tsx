import { useAtomValue } from 'jotai'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { snapshotPart } from '../../state/engine-atoms.ts'
import { MoneyFigures } from './money-figures.tsx'
import { OllamaLine } from './ollama-line.tsx'
import { OnlineControls } from './online-controls.tsx'
import { ProviderFacts } from './provider-facts.tsx'
import { RelayList } from './relay-list.tsx'
import { RunningNow } from './running-now.tsx'
import { TestJobButton } from './test-job-button.tsx'
import { WalletLine } from './wallet-line.tsx'

// Everything but the counts, which only the facts show: a job served re-renders just those.
const paneAtom = snapshotPart(
  'settings',
  'provider',
  'state',
  'stateReason',
  'ollama',
  'wallet',
  'relays',
)

/** What the provider needs, the switch to serve, and how it is doing. */
export const SellComputePane = () => {
  const snapshot = useAtomValue(paneAtom)
  if (snapshot === null) return <EngineStarting />
  return (
    <div className="stack">
      <WalletLine snapshot={snapshot} />
      <OllamaLine ollama={snapshot.ollama} />
      <OnlineControls snapshot={snapshot} />
      <ProviderFacts snapshot={snapshot} />
      <MoneyFigures />
      <RunningNow />
      <TestJobButton online={snapshot.state === 'online'} />
      <RelayList snapshot={snapshot} />
    </div>
  )
}
