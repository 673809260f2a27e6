/**
 * Saving settings. The snapshot holds them (one owner); this saves, publishes, tells the other
 * tabs, and tells the parts that depend on a changed field. A save in another tab is adopted
 * here the same way.
 */
import { ok } from '../../shared/result.ts'
import { parseSettingsForm, type Settings } from '../../shared/settings.ts'
import type { EngineApi } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import type { KvStore } from '../store/kv-store.ts'
import type { SettingsChannel } from '../store/settings-channel.ts'
import { createSetupLinkCommand } from './setup-link.ts'

export interface SettingsCommandsDeps {
  settings: () => Settings
  kv: Pick<KvStore, 'settings' | 'saveSettings' | 'hasSavedSettings'>
  /** Tells the other tabs' engines when this one saved settings, and hears theirs. */
  channel?: Pick<SettingsChannel, 'saved' | 'onSaved'>
  publish: (settings: Settings) => void
  /** New settings are in force: what else must follow the change. */
  onAdopted: (before: Settings, after: Settings) => void
  log: Log
}

export const createSettingsCommands = (d: SettingsCommandsDeps) => {
  /** New settings in force at once, whether saved in this tab or in another one. */
  const adopt = (next: Settings) => {
    const before = d.settings()
    d.publish(next)
    d.onAdopted(before, next)
  }
  /** Save, tell the other tabs, and put in force. */
  const apply = async (next: Settings) => {
    await d.kv.saveSettings(next)
    d.channel?.saved()
    adopt(next)
  }
  const saveSettings: EngineApi['saveSettings'] = async (form) => {
    const parsed = parseSettingsForm(form, d.settings())
    if (!parsed.ok) return parsed
    await apply(parsed.value)
    d.log('info', 'settings saved')
    return ok(parsed.value)
  }
  const stopHearing = d.channel?.onSaved(() => {
    d.kv.settings().then(
      (next) => {
        adopt(next)
        d.log('info', 'settings saved in another tab: in force here now')
      },
      (e: unknown) => d.log('warn', `reading settings saved in another tab: ${errorText(e)}`),
    )
  })
  const commands: Pick<EngineApi, 'saveSettings' | 'applySetupLink'> = {
    saveSettings,
    applySetupLink: createSetupLinkCommand({
      settings: d.settings,
      hasSavedSettings: d.kv.hasSavedSettings,
      saveSettings,
    }),
  }
  return { apply, commands, stop: () => stopHearing?.() }
}
