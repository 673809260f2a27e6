import { useAtom } from 'jotai'
import { useEffect, useState, type FormEvent } from 'react'
import {
  SETTING_FIELDS as FIELDS,
  formLabel,
  type FormKey,
  type SettingsErrors,
} from '../../../shared/settings.ts'
import { isFree } from '../../../shared/pricing.ts'
import type { EngineSnapshot } from '../../../shared/worker-api.ts'
import { Field } from '../../components/field.tsx'
import { useCommand } from '../../components/use-command.ts'
import { useUnsaved } from '../../components/use-unsaved.ts'
import { explain } from '../../glossary.ts'
import { priceSuggestionAtom } from '../../state/price-suggestion-atoms.ts'
import { ModelOptions } from './model-options.tsx'
import { SettingFields } from './setting-fields.tsx'
import { useSettingsDraft } from './use-settings-draft.ts'

/** Which fields are not saved, by their labels, for the marker's tooltip. */
const unsavedLabels = (keys: readonly FormKey[]) =>
  `Not saved yet: ${keys.map((k) => formLabel(FIELDS[k])).join(', ')}`

const PRICE_KEYS: readonly FormKey[] = ['pricePerJobSats', 'pricePer1kTokensSats']

type Outcome = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string } | null

/** Relays, Ollama URL, prices, default model, policy and profile; all or nothing on Save. */
export const SettingsForm = ({
  snapshot,
}: {
  snapshot: Pick<EngineSnapshot, 'settings' | 'ollama'>
}) => {
  const { draft, dirty, unsaved, edit, reset } = useSettingsDraft(snapshot.settings)
  const [errors, setErrors] = useState<SettingsErrors>({})
  const [outcome, setOutcome] = useState<Outcome>(null)
  const { busy: saving, run } = useCommand()
  const [suggestion, setSuggestion] = useAtom(priceSuggestionAtom)
  useUnsaved('settings', dirty)

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
      {/* Until a price is typed: then the unsaved mark says what is pending. */}
      {isFree(snapshot.settings) && !unsaved.some((k) => PRICE_KEYS.includes(k)) && (
        <p className="hint">
          You are selling for free: both prices are 0. Set one and press Save to earn sats.
        </p>
      )}
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
      {/* Sticky: Save stays in reach however far down the form the person is. */}
      <div className="form-actions settings-actions">
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
        {dirty && (
          <span className="unsaved-mark" title={unsavedLabels(unsaved)}>
            Unsaved changes
          </span>
        )}
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
