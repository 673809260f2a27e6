import { useRef, useState, type FormEvent } from 'react'
import { ConfirmStep } from '../../components/confirm-step.tsx'
import { CopyButton } from '../../components/copy-button.tsx'
import { Field } from '../../components/field.tsx'
import { shorten } from '../../format.ts'
import { explain } from '../../glossary.ts'
import { useCommand } from '../../components/use-command.ts'

/** Back up the provider's secret key, or replace it with one from elsewhere. */
export const ProviderKey = ({ npub, offline }: { npub: string; offline: boolean }) => {
  const [nsec, setNsec] = useState<string | null>(null)
  // The secret shows only after a second yes: someone may be watching the screen or sharing it.
  const [asking, setAsking] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const exporting = useCommand()
  const importing = useCommand()
  const [imported, setImported] = useState('')
  const [importDone, setImportDone] = useState<string | null>(null)

  const reveal = async () => {
    const exported = await exporting.run('exportNsec')
    setAsking(false)
    if (exported.ok) setNsec(exported.value)
    else trigger.current?.focus()
  }
  const keepHidden = () => {
    setAsking(false)
    trigger.current?.focus()
  }

  const importKey = async (e: FormEvent) => {
    e.preventDefault()
    setImportDone(null)
    const result = await importing.run('importNsec', imported.trim())
    if (!result.ok) return
    setImported('')
    setNsec(null)
    setImportDone(`Key imported. This provider is now ${shorten(result.value.npub, 14, 6)}.`)
  }

  return (
    <section className="provider-key">
      <h3>Provider key</h3>
      <p className="muted">
        This key is the provider&apos;s identity on Nostr (
        <span className="mono" title={npub}>
          {shorten(npub, 14, 6)}
        </span>
        ). Anyone who has it can act as this provider: keep a backup somewhere private.
      </p>
      {nsec === null ? (
        <>
          <button
            ref={trigger}
            type="button"
            aria-expanded={asking}
            onClick={() => (asking ? keepHidden() : setAsking(true))}
          >
            Export key
          </button>
          {asking && (
            <ConfirmStep
              question="Show the provider's secret key on screen?"
              confirmLabel="Show secret key"
              cancelLabel="Keep it hidden"
              busy={exporting.busy}
              onConfirm={() => void reveal()}
              onCancel={keepHidden}
            >
              <p>
                Anyone who sees or copies it can act as this provider and take its place. Make sure
                no one is watching or sharing this screen.
              </p>
            </ConfirmStep>
          )}
        </>
      ) : (
        <div className="secret">
          <label htmlFor="provider-nsec">Secret key (nsec)</label>
          <input id="provider-nsec" className="mono" readOnly value={nsec} spellCheck={false} />
          <div className="form-actions">
            <CopyButton text={nsec} label="Copy nsec" />
            <button type="button" className="small" onClick={() => setNsec(null)}>
              Hide key
            </button>
          </div>
        </div>
      )}
      {exporting.error !== null && (
        <p className="error" role="alert">
          {exporting.error}
        </p>
      )}
      <form className="import-key" noValidate onSubmit={(e) => void importKey(e)}>
        <Field
          id="provider-import-nsec"
          label="Import nsec"
          help={`${explain(['nsec'])} ${
            offline
              ? 'Replaces this provider’s key. Export the current one first if you want to keep it.'
              : 'Go offline before changing the provider key.'
          }`}
          error={importing.error ?? undefined}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              placeholder="nsec1…"
              value={imported}
              onChange={(e) => setImported(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={imported.trim() === ''}>
            Import key
          </button>
          <span role="status" className="form-status">
            {importDone ?? ''}
          </span>
        </div>
      </form>
    </section>
  )
}
