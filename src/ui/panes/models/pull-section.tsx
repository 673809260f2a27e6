import { useAtomValue, useStore } from 'jotai'
import { useState, type FormEvent } from 'react'
import { parseModelName } from '../../../shared/models.ts'
import type { PullEvent } from '../../../shared/worker-api.ts'
import { pullsAtom } from '../../state/live-atoms.ts'
import { useCommand } from '../../components/use-command.ts'
import { pullPercent, pullWords } from './pull-words.ts'

const PullRow = ({ pull }: { pull: PullEvent }) => {
  const cancel = useCommand()
  const percent = pullPercent(pull)
  return (
    <li className="pull">
      <div className="pull-head">
        <span className="mono">{pull.name}</span>
        <span className="muted">{pullWords(pull)}</span>
        <button
          type="button"
          className="small"
          aria-label={`Cancel pull of ${pull.name}`}
          onClick={() => void cancel.run('cancelPull', pull.name)}
        >
          Cancel
        </button>
      </div>
      <progress
        aria-label={`Pulling ${pull.name}`}
        max={100}
        {...(percent === undefined ? {} : { value: percent })}
      />
    </li>
  )
}

/** Pull a model by name, watch it download, cancel it; the outcome of the last pull stays. */
export const PullSection = ({ disabled }: { disabled: boolean }) => {
  const pulls = useAtomValue(pullsAtom)
  const store = useStore()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { run } = useCommand()
  const active = [...pulls.values()].filter((p) => p.done !== true)
  const last = [...pulls.values()].at(-1)
  const ended = last?.done === true ? last : undefined

  const pull = async (e: FormEvent) => {
    e.preventDefault()
    const parsed = parseModelName(name)
    if (typeof parsed !== 'string') return setError(parsed.error)
    setError(null)
    setName('')
    const before = store.get(pullsAtom).get(parsed)
    const result = await run('pullModel', parsed)
    // A pull that started says how it ended in its own line; this is for one that did not.
    if (!result.ok && (result.refusal === undefined || store.get(pullsAtom).get(parsed) === before))
      setError(result.error)
  }

  return (
    <section className="pull-section" aria-labelledby="models-pull-title">
      <h3 id="models-pull-title">Pull a model</h3>
      <form className="pull-form" noValidate onSubmit={(e) => void pull(e)}>
        <label htmlFor="models-pull-name" className="visually-hidden">
          Model to pull
        </label>
        <input
          id="models-pull-name"
          type="text"
          className="mono"
          placeholder="llama3.2, qwen2.5:0.5b…"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error === null ? 'models-pull-help' : 'models-pull-error'}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={disabled || name.trim() === ''}>
          Pull model
        </button>
      </form>
      {error === null ? (
        <p id="models-pull-help" className="field-help">
          Any name from ollama.com/library, as ollama pull takes it.
        </p>
      ) : (
        <p id="models-pull-error" className="error" role="alert">
          {error}
        </p>
      )}
      {active.length > 0 && (
        <ul className="pull-list">
          {active.map((p) => (
            <PullRow key={p.name} pull={p} />
          ))}
        </ul>
      )}
      <p role="status" className={ended?.error === undefined ? 'form-status' : 'reason'}>
        {/* The result and the pull's own event can both carry the failure: say it once. */}
        {ended === undefined || pullWords(ended) === error ? '' : pullWords(ended)}
      </p>
    </section>
  )
}
