import { useAtomValue } from 'jotai'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { snapshotPart } from '../../state/engine-atoms.ts'
import { ProviderKey } from './provider-key.tsx'
import { SettingsForm } from './settings-form.tsx'

const paneAtom = snapshotPart('settings', 'ollama', 'provider', 'state')

export const SettingsPane = () => {
  const snapshot = useAtomValue(paneAtom)
  if (snapshot === null) return <EngineStarting />
  return (
    <div className="stack">
      <SettingsForm snapshot={snapshot} />
      <ProviderKey npub={snapshot.provider.npub} offline={snapshot.state === 'offline'} />
    </div>
  )
}
