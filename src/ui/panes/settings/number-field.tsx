import type { SettingsErrors, SettingsForm } from '../../../shared/settings.ts'
import { Field } from '../../components/field.tsx'

type NumberKey = Exclude<keyof SettingsForm, 'relays' | 'ollamaUrl' | 'defaultModel'>

interface Props {
  name: NumberKey
  label: string
  help?: string
  min: number
  draft: SettingsForm
  errors: SettingsErrors
  edit: (key: keyof SettingsForm, value: string) => void
}

/** A whole-number setting: a spinbutton named by its label, with help and an inline error. */
export const NumberField = ({ name, label, help, min, draft, errors, edit }: Props) => (
  <Field id={`settings-${name}`} label={label} error={errors[name]} {...(help ? { help } : {})}>
    {(props) => (
      <input
        {...props}
        type="number"
        min={min}
        step={1}
        inputMode="numeric"
        value={draft[name] ?? ''}
        onChange={(e) => edit(name, e.target.value)}
      />
    )}
  </Field>
)
