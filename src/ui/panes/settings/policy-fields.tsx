import type { SettingsErrors, SettingsForm } from '../../../shared/settings.ts'
import { Field } from '../../components/field.tsx'
import { NumberField } from './number-field.tsx'

interface Props {
  draft: SettingsForm
  errors: SettingsErrors
  edit: (key: keyof SettingsForm, value: string) => void
}

const NUMBERS = [
  ['concurrency', 'Jobs at once', 'How many jobs Ollama runs at the same time'],
  ['queueCapacity', 'Queue capacity', 'Jobs accepted at most; more are answered "busy"'],
  ['rateLimitPerMinute', 'Requests per customer per minute', 'More are refused with a reason'],
] as const

const LISTS = [
  ['blocklist', 'Blocked customers', 'Never served. One npub or hex public key per line'],
  ['allowlist', 'Free customers', 'Served without payment. One npub or hex public key per line'],
] as const

/** Queue, limits, streaming and who is served how: the provider's policy. */
export const PolicyFields = (form: Props) => {
  const { draft, errors, edit } = form
  return (
    <fieldset className="policy-fields">
      <legend>Provider policy</legend>
      <div className="field-row">
        {NUMBERS.map(([key, label, help]) => (
          <NumberField key={key} name={key} label={label} help={help} min={1} {...form} />
        ))}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.streamPartials === 'true'}
          onChange={(e) => edit('streamPartials', String(e.target.checked))}
        />
        Send partial results while generating
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.fallbackToDefaultModel === 'true'}
          onChange={(e) => edit('fallbackToDefaultModel', String(e.target.checked))}
        />
        Use the default model when a requested model is not installed
      </label>
      {LISTS.map(([key, label, help]) => (
        <Field key={key} id={`settings-${key}`} label={label} help={help} error={errors[key]}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              spellCheck={false}
              autoComplete="off"
              value={draft[key] ?? ''}
              onChange={(e) => edit(key, e.target.value)}
            />
          )}
        </Field>
      ))}
    </fieldset>
  )
}
