import { useAtomValue, useStore } from 'jotai'
import { useRef, useState, type FormEvent } from 'react'
import { parseModelName } from '../../../shared/models.ts'
import type { PullEvent } from '../../../shared/worker-api.ts'
import { pullsAtom } from '../../state/live-atoms.ts'
import { useCommand } from '../../components/use-command.ts'
import { formatBytes } from '../../format.ts'
import { pullPercent, pullResultWords, pullWords } from './pull-words.ts'
import { SUGGESTED_MODELS } from './suggested-models.ts'

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

/**
 * Pull a model by name, watch it download, cancel it. How the last pull ended stays until the
 * person acts again; a name that failed stays in the box to be corrected. With nothing
 * installed, a few small models are offered to pull with one press.
 */
export const PullSection = ({ disabled, empty }: { disabled: boolean; empty: boolean }) => {
  const pulls = useAtomValue(pullsAtom)
  const store = useStore()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  // The ended pull whose outcome the person has moved on from (typed, or pulled again).
  const [seen, setSeen] = useState<PullEvent | undefined>(undefined)
  const input = useRef<HTMLInputElement>(null)
  const { run } = useCommand()
  const active = [...pulls.values()].filter((p) => p.done !== true)
  const last = [...pulls.values()].at(-1)
  const ended = last?.done === true && last !== seen ? last : undefined

  const moveOn = () => {
    setError(null)
    setSeen(last?.done === true ? last : seen)
  }

  const start = async (typed: string) => {
    const checked = parseModelName(typed)
    moveOn()
    if (!checked.ok) return setError(checked.error)
    const parsed = checked.value
    const before = store.get(pullsAtom).get(parsed)
    const result = await run('pullModel', parsed)
    if (result.ok) {
      // Installed: the box is free for the next one, unless the person typed on meanwhile.
      setName((now) => (now.trim() === typed.trim() ? '' : now))
      return
    }
    // Failed: the name stays, ready to be corrected.
    input.current?.focus()
    // A pull that started says how it ended in its own line; this is for one that did not.
    if (result.refusal === undefined || store.get(pullsAtom).get(parsed) === before)
      setError(pullResultWords(parsed, result.error))
  }

  const pull = (e: FormEvent) => {
    e.preventDefault()
    void start(name)
  }

  return (
    <section className="pull-section" aria-labelledby="models-pull-title">
      <h3 id="models-pull-title">Pull a model</h3>
      {empty && (
        <div className="pull-suggestions">
          <p>Nothing is installed yet. A small model to start with:</p>
          <ul>
            {SUGGESTED_MODELS.map((m) => (
              <li key={m.name}>
                <button
                  type="button"
                  disabled={disabled || pulls.get(m.name)?.done === false}
                  onClick={() => {
                    setName(m.name)
                    void start(m.name)
                  }}
                >
                  Pull {m.name} ({formatBytes(m.sizeBytes)})
                </button>
                <span className="muted">{m.about}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="pull-form" noValidate onSubmit={pull}>
        <label htmlFor="models-pull-name" className="visually-hidden">
          Model to pull
        </label>
        <input
          ref={input}
          id="models-pull-name"
          type="text"
          className="mono"
          placeholder="llama3.2, qwen2.5:0.5b…"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error !== null || ended?.error !== undefined}
          aria-describedby={error === null ? 'models-pull-help' : 'models-pull-error'}
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            moveOn()
          }}
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
