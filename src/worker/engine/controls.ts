/**
 * The commands that change how the provider sells: settings, the models offered, a test job.
 * Each tells the parts that depend on what it changed.
 */
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { SettingsChannel } from '../store/settings-channel.ts'
import type { Hub } from './hub.ts'
import { createModelCommands } from './models.ts'
import { createSettingsCommands } from './settings-commands.ts'
import { createTestJobs } from './test-job.ts'

export interface ControlsDeps {
  hub: Hub
  kv: Pick<KvStore, 'settings' | 'saveSettings' | 'hasSavedSettings'>
  settingsChannel?: SettingsChannel
  settings: () => Settings
  pubkey: () => string
  refreshOllama: () => Promise<OllamaStatus>
  /** Another Ollama, or another context window, may fit a model that did not. */
  clearUnusable: () => void
  /** Free or not changes what "no wallet" means. */
  refreshWallet: () => void
  /** The relay list changed: the watch and the connections follow it. */
  relaysChanged: () => void
  announce: () => void
  now: () => number
  WebSocket?: typeof WebSocket
}

export const createControls = (d: ControlsDeps) => {
  const { hub, settings } = d
  const settingsCommands = createSettingsCommands({
    settings,
    kv: d.kv,
    ...(d.settingsChannel ? { channel: d.settingsChannel } : {}),
    publish: (next) => hub.update({ settings: next }),
    onAdopted: (before, after) => {
      d.refreshWallet()
      if (before.ollamaUrl !== after.ollamaUrl || before.numCtx !== after.numCtx) d.clearUnusable()
      if (before.ollamaUrl !== after.ollamaUrl) void d.refreshOllama()
      if (before.relays.join() !== after.relays.join() || before.watchMarket !== after.watchMarket)
        d.relaysChanged()
      d.announce()
    },
    log: hub.log,
  })
  const models = createModelCommands({
    hub,
    settings,
    refresh: d.refreshOllama,
    saveSettings: settingsCommands.apply,
    now: d.now,
  })
  const testJobs = createTestJobs({
    online: () => hub.snapshot().state === 'online',
    relays: () => settings().relays,
    provider: d.pubkey,
    generationTimeoutMs: () => settings().generationTimeoutSeconds * 1000,
    log: hub.log,
    ...(d.WebSocket ? { WebSocket: d.WebSocket } : {}),
  })
  return {
    commands: {
      ...settingsCommands.commands,
      ...models.commands,
      sendTestJob: testJobs.sendTestJob,
    },
    testKeys: testJobs.keys,
    stop() {
      settingsCommands.stop()
      models.stop()
      testJobs.stop()
    },
  }
}
