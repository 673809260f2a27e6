import { useState } from 'react'
import { toForm, type Settings, type SettingsForm } from '../../../shared/settings.ts'

const KEYS = [
  'relays',
  'ollamaUrl',
  'pricePerJobSats',
  'pricePer1kTokensSats',
  'maxTokensCap',
  'defaultModel',
  'concurrency',
  'queueCapacity',
  'rateLimitPerMinute',
  'streamPartials',
  'fallbackToDefaultModel',
  'blocklist',
  'allowlist',
] as const

const same = (a: SettingsForm, b: SettingsForm) => KEYS.every((k) => a[k] === b[k])

/**
 * The form's text, starting from the saved settings. While the person has not edited it,
 * it follows changes made elsewhere (a setup link, another tab); once edited it is theirs.
 */
export const useSettingsDraft = (settings: Settings) => {
  const saved = toForm(settings)
  const [state, setState] = useState({ base: saved, draft: saved })
  const dirty = !same(state.draft, state.base)
  if (!dirty && !same(state.base, saved)) setState({ base: saved, draft: saved })

  return {
    draft: state.draft,
    dirty,
    edit: (key: keyof SettingsForm, value: string) =>
      setState((s) => ({ ...s, draft: { ...s.draft, [key]: value } })),
    reset: (to: Settings) => setState({ base: toForm(to), draft: toForm(to) }),
  }
}
