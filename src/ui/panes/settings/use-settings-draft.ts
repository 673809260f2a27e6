import { useState } from 'react'
import { toForm, type FormKey, type Settings } from '../../../shared/settings.ts'
import { changedKeys, followSaved, type DraftState } from './draft-state.ts'

/** The form's text, starting from the saved settings, and which fields are not saved yet. */
export const useSettingsDraft = (settings: Settings) => {
  const saved = toForm(settings)
  const [state, setState] = useState<DraftState>({ base: saved, draft: saved })
  const followed = followSaved(state, saved)
  if (followed !== state) setState(followed)
  const unsaved = changedKeys(state.draft, state.base)

  return {
    draft: state.draft,
    unsaved,
    dirty: unsaved.length > 0,
    edit: (key: FormKey, value: string) =>
      setState((s) => ({ ...s, draft: { ...s.draft, [key]: value } })),
    reset: (to: Settings) => setState({ base: toForm(to), draft: toForm(to) }),
  }
}
