import { FORM_KEYS, type FormKey, type SettingsForm } from '../../../shared/settings.ts'

/** The saved settings as form text, and what the person has typed over them. */
export interface DraftState {
  base: SettingsForm
  draft: SettingsForm
}

/** The fields whose text differs: what Save would change, and what closing would lose. */
export const changedKeys = (a: SettingsForm, b: SettingsForm): FormKey[] =>
  FORM_KEYS.filter((k) => (a[k] ?? '') !== (b[k] ?? ''))

/**
 * While the person has not edited the form it follows changes made elsewhere (a setup link,
 * another tab, the Market's suggested price once saved); once edited it is theirs, and a
 * change from elsewhere does not overwrite what they typed. Returns the same state when
 * nothing is to change, so a caller can compare by reference.
 */
export const followSaved = (state: DraftState, saved: SettingsForm): DraftState => {
  if (changedKeys(state.draft, state.base).length > 0) return state
  if (changedKeys(state.base, saved).length === 0) return state
  return { base: saved, draft: saved }
}
