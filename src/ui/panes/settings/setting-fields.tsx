import type { Section, SettingRow, WholeRow } from '../../../shared/setting-rows.ts'
import {
  formLabel,
  sectionRows,
  type FormKey,
  type SettingsErrors,
  type SettingsForm,
} from '../../../shared/settings.ts'
import { Field } from '../../components/field.tsx'

interface FieldProps {
  draft: SettingsForm
  errors: SettingsErrors
  edit: (key: FormKey, value: string) => void
}

/** A whole-number setting: a spinbutton named by its label, with help and an inline error. */
const NumberField = ({
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

/** The kinds typed on one line (a text row with `lines` is a paragraph). */
const LINE_KINDS: SettingRow['kind'][] = ['text', 'http-url', 'image-url', 'lightning-address']

const inputType = (kind: SettingRow['kind']) =>
  kind === 'http-url' || kind === 'image-url'
    ? { type: 'url' }
    : kind === 'lightning-address'
      ? { type: 'text', inputMode: 'email' as const }
      : { type: 'text' }

/** A text setting: one line, a paragraph, or a list with one entry per line. */
const TextField = ({
  name,
  row,
  draft,
  errors,
  edit,
}: FieldProps & { name: FormKey; row: SettingRow }) => {
  const control = {
    spellCheck: false,
    autoComplete: 'off',
    value: draft[name] ?? '',
    onChange: (e: { target: { value: string } }) => edit(name, e.target.value),
  }
  return (
    <Field
      id={`settings-${name}`}
      label={row.label}
      error={errors[name]}
      {...(row.help ? { help: row.help } : {})}
    >
      {(props) =>
        LINE_KINDS.includes(row.kind) && !(row.kind === 'text' && row.lines) ? (
          <input {...props} {...control} {...inputType(row.kind)} />
        ) : (
          <textarea {...props} {...control} rows={row.kind === 'text' ? (row.lines ?? 2) : 2} />
        )
      }
    </Field>
  )
}

/**
 * The controls of one section of the settings table, in table order within each group: text
 * boxes, whole numbers side by side, checkboxes, then lists. A new row appears by itself.
 */
export const SettingFields = ({ section, ...form }: FieldProps & { section: Section }) => {
  const rows = sectionRows(section)
  const group = (...kinds: SettingRow['kind'][]) => rows.filter(([, r]) => kinds.includes(r.kind))
  const numbers = group('whole')
  return (
    <>
      {group(...LINE_KINDS).map(([key, row]) => (
        <TextField key={key} name={key} row={row} {...form} />
      ))}
      {numbers.length > 0 && (
        <div className="field-row">
          {numbers.map(([key, row]) =>
            row.kind === 'whole' ? <NumberField key={key} name={key} row={row} {...form} /> : null,
          )}
        </div>
      )}
      {group('flag').map(([key, row]) => (
        <label key={key} className="checkbox">
          <input
            type="checkbox"
            checked={form.draft[key] === 'true'}
            onChange={(e) => form.edit(key, String(e.target.checked))}
          />
          <span>{row.label}</span>
        </label>
      ))}
      {group('pubkeys', 'names', 'relays').map(([key, row]) => (
        <TextField key={key} name={key} row={row} {...form} />
      ))}
    </>
  )
}
