import { useState, type FormEvent } from 'react'
import { CopyButton } from '../../components/copy-button.tsx'
import { Field } from '../../components/field.tsx'
import { shorten } from '../../format.ts'
import { getEngine } from '../../worker-client.ts'

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Back up the provider's secret key, or replace it with one from elsewhere. */
export const ProviderKey = ({ npub, offline }: { npub: string; offline: boolean }) => {
  const [nsec, setNsec] = useState<string | null>(null)
  const [exportError, setExportError] = useState<string | null>(null)
  const [imported, setImported] = useState('')
  const [importError, setImportError] = useState<string | undefined>(undefined)
  const [importDone, setImportDone] = useState<string | null>(null)

  const reveal = async () => {
    setExportError(null)
    try {
      setNsec(await getEngine().exportNsec())
    } catch (e) {
      setExportError(errorText(e))
    }
  }

  const importKey = async (e: FormEvent) => {
    e.preventDefault()
    setImportDone(null)
    try {
      const result = await getEngine().importNsec(imported.trim())
      if (result.ok) {
        setImportError(undefined)
        setImported('')
        setNsec(null)
        setImportDone(`Key imported. This provider is now ${shorten(result.value.npub, 14, 6)}.`)
      } else {
        setImportError(result.error)
      }
    } catch (err) {
      setImportError(errorText(err))
    }
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
        <button type="button" onClick={() => void reveal()}>
          Export key
        </button>
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
      {exportError !== null && (
        <p className="error" role="alert">
          {exportError}
        </p>
      )}
      <form className="import-key" noValidate onSubmit={(e) => void importKey(e)}>
        <Field
          id="provider-import-nsec"
          label="Import nsec"
          help={
            offline
              ? 'Replaces this provider’s key. Export the current one first if you want to keep it.'
              : 'Go offline before changing the provider key.'
          }
          error={importError}
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
