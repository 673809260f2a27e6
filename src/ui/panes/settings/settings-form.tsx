import { useAtom } from 'jotai'
import { useEffect, useState, type FormEvent } from 'react'
import { SETTING_FIELDS as FIELDS, type SettingsErrors } from '../../../shared/settings.ts'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { Field } from '../../components/field.tsx'
import { useCommand } from '../../components/use-command.ts'
import { explain } from '../../glossary.ts'
import { priceSuggestionAtom } from '../../state/price-suggestion-atoms.ts'
import { ModelOptions } from './model-options.tsx'
import { SettingFields } from './setting-fields.tsx'
import { useSettingsDraft } from './use-settings-draft.ts'

type Outcome = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string } | null

/** Relays, Ollama URL, prices, default model, policy and profile; all or nothing on Save. */
export const SettingsForm = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'settings' | 'ollama'>
}) => {
  const { draft, dirty, edit, reset } = useSettingsDraft(snapshot.settings)
  const [errors, setErrors] = useState<SettingsErrors>({})
  const [outcome, setOutcome] = useState<Outcome>(null)
  const { busy: saving, run } = useCommand()
  const [suggestion, setSuggestion] = useAtom(priceSuggestionAtom)

  // The Market pane's "Use suggested price": into the draft only; the person saves or not.
  useEffect(() => {
    if (suggestion === null) return
    edit('pricePerJobSats', String(suggestion))
    setSuggestion(null)
  }, [suggestion, edit, setSuggestion])

  useEffect(() => {
    if (outcome?.kind !== 'saved') return
    const timer = window.setTimeout(() => setOutcome(null), 4000)
    return () => window.clearTimeout(timer)
  }, [outcome])

  const form = { draft, errors, edit }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const result = await run('saveSettings', draft)
    if (result.ok) {
      setErrors({})
      reset(result.value)
      setOutcome({ kind: 'saved' })
    } else if (result.refusal !== undefined) {
      setErrors(result.refusal)
      setOutcome({ kind: 'invalid' })
    } else {
      setOutcome({ kind: 'failed', message: result.error })
    }
  }

  return (
    <form className="settings-form" noValidate onSubmit={(e) => void save(e)}>
      <Field
        id="settings-relays"
        label={FIELDS.relays.label}
        help={FIELDS.relays.help}
        error={errors.relays}
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            value={draft.relays ?? ''}
            onChange={(e) => edit('relays', e.target.value)}
          />
        )}
      </Field>
      <Field id="settings-ollama-url" label={FIELDS.ollamaUrl.label} error={errors.ollamaUrl}>
        {(props) => (
          <input
            {...props}
            type="url"
            spellCheck={false}
            autoComplete="off"
            value={draft.ollamaUrl ?? ''}
            onChange={(e) => edit('ollamaUrl', e.target.value)}
          />
        )}
      </Field>
      <SettingFields section="prices" {...form} />
      <Field
        id="settings-default-model"
        label={FIELDS.defaultModel.label}
        error={errors.defaultModel}
      >
        {(props) => (
          <select
            {...props}
            value={draft.defaultModel ?? ''}
            onChange={(e) => edit('defaultModel', e.target.value)}
          >
            <ModelOptions models={snapshot.ollama.models} current={draft.defaultModel ?? ''} />
          </select>
        )}
      </Field>
      <fieldset className="policy-fields">
        <legend>Provider policy</legend>
        <SettingFields section="policy" {...form} />
      </fieldset>
      <fieldset className="policy-fields" aria-describedby="settings-profile-help">
        <legend>Provider profile</legend>
        <p id="settings-profile-help" className="help-line">
          Published with this provider&apos;s NIP-89 listing while online. {explain(['NIP-89'])}
        </p>
        <SettingFields section="profile" {...form} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
        <button
          type="button"
          disabled={!dirty || saving}
          onClick={() => {
            setErrors({})
            setOutcome(null)
            reset(snapshot.settings)
          }}
        >
          Discard changes
        </button>
        <span role="status" className="form-status">
          {outcome?.kind === 'saved' ? 'Saved' : ''}
        </span>
      </div>
      {outcome?.kind === 'invalid' && (
        <p className="error" role="alert">
          Nothing was saved: correct the marked fields.
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p className="error" role="alert">
          Nothing was saved: {outcome.message}
        </p>
      )}
    </form>
  )
}
