import type { WholeRow } from '../../../shared/setting-kinds.ts'
import { formLabel, type FormKey } from '../../../shared/settings.ts'
import { Field } from '../../components/field.tsx'
import type { FieldProps } from './setting-fields.tsx'

/** A whole-number setting: a spinbutton named by its label, with help and an inline error. */
export const NumberField = ({
  name,
  row,
  draft,
  errors,
  edit,
}: FieldProps & { name: FormKey; row: WholeRow }) => (
  <Field
    id={`settings-${name}`}
    label={formLabel(row)}
    error={errors[name]}
    {...(row.help ? { help: row.help } : {})}
  >
    {(props) => (
      <input
        {...props}
        type="number"
        min={row.min}
        step={1}
        inputMode="numeric"
        value={draft[name] ?? ''}
        onChange={(e) => edit(name, e.target.value)}
      />
    )}
  </Field>
)
