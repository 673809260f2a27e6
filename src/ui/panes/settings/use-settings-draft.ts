import { useState } from 'react'
import {
  FORM_KEYS,
  toForm,
  type FormKey,
  type Settings,
  type SettingsForm,
} from '../../../shared/settings.ts'

const same = (a: SettingsForm, b: SettingsForm) => FORM_KEYS.every((k) => a[k] === b[k])

/**
 * The form's text, starting from the saved settings. While the person has not edited it,
 * it follows changes made elsewhere (a setup link, another tab); once edited it is theirs.
 */
export const useSettingsDraft = (settings: Settings) => {
  const saved = toForm(settings)
  const [state, setState] = useState<{ base: SettingsForm; draft: SettingsForm }>({
    base: saved,
    draft: saved,
  })
  const dirty = !same(state.draft, state.base)
  if (!dirty && !same(state.base, saved)) setState({ base: saved, draft: saved })

  return {
    draft: state.draft,
    dirty,
    edit: (key: FormKey, value: string) =>
      setState((s) => ({ ...s, draft: { ...s.draft, [key]: value } })),
    reset: (to: Settings) => setState({ base: toForm(to), draft: toForm(to) }),
  }
}
