import { useAtomValue } from 'jotai'
import { useRef, useState } from 'react'
import {
  defaultModelOf,
  offeredOf,
  sameModel,
  toggleOffered,
  unsellableReason,
} from '../../../shared/models.ts'
import type { ModelInfo } from '../../../shared/worker-api.ts'
import { EngineStarting } from '../../components/engine-starting.tsx'
import { useCommand } from '../../components/use-command.ts'
import { formatBytes } from '../../format.ts'
import { snapshotPart } from '../../state/engine-atoms.ts'
import { OLLAMA_WORDS } from '../../status-words.ts'
import { ConfirmStep } from '../../components/confirm-step.tsx'
import { ModelPrices } from './model-prices.tsx'
import { ModelTable } from './model-table.tsx'
import { PullSection } from './pull-section.tsx'
import { SaleSettings } from './sale-settings.tsx'

const paneAtom = snapshotPart('ollama', 'settings')

/** The models installed in Ollama: pull, delete, and choose what this provider sells. */
export const ModelsPane = () => {
  const snapshot = useAtomValue(paneAtom)
  const [deleting, setDeleting] = useState<ModelInfo | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const check = useCommand()
  const remove = useCommand()
  const offer = useCommand()
  // What the person just ticked, shown until the saved settings come back (or the save fails),
  // so the checkbox does not flick back while the engine saves.
  const [pending, setPending] = useState<{ base: string; next: string[] } | null>(null)
  // Focus goes back to the row's Delete button when the person keeps the model.
  const deleteButtons = useRef(new Map<string, HTMLButtonElement>())
  if (snapshot === null) return <EngineStarting />
  const { ollama, settings } = snapshot
  const saved = JSON.stringify(settings.offeredModels)
  const offered = pending !== null && pending.base === saved ? pending.next : settings.offeredModels
  const forSale = offeredOf(ollama.models, offered, ollama.unusable)
  // Only models that can run here count: "all of them" never includes an embedding model.
  const sellable = ollama.models.filter((m) => unsellableReason(m, ollama.unusable) === undefined)
  const fallback = defaultModelOf(forSale, settings.defaultModel)
  const reachable = ollama.state === 'ready' || ollama.state === 'no-models'

  // A failed check shows in Ollama's own line (and the engine banner), not here.
  const refresh = () => void check.run('checkOllama')

  const confirmDelete = async (model: ModelInfo) => {
    const deleted = await remove.run('deleteModel', model.name)
    setDeleting(null)
    if (deleted.ok) setDone(`${model.name} deleted`)
  }

  const setOffered = (name: string, on: boolean) => {
    const installed = sellable.map((m) => m.name)
    const next = toggleOffered(installed, offered, name, on)
    if (!next.ok) return offer.setError(next.error)
    setPending({ base: saved, next: next.value })
    void offer.run('setOfferedModels', next.value).then((r) => {
      if (!r.ok) setPending(null)
    })
  }

  return (
    <div className="stack models-pane">
      <div className="toolbar-row">
        <span>
          Ollama: {OLLAMA_WORDS[ollama.state].words}
          <span className="muted"> · {ollama.url}</span>
        </span>
        <button type="button" className="small" aria-busy={check.busy} onClick={refresh}>
          Refresh models
        </button>
      </div>
      {!reachable && ollama.reason !== undefined && (
        <p className="reason">{ollama.reason} See Sell Compute for how to fix it.</p>
      )}
      <ModelTable
        models={ollama.models}
        offered={offered}
        fallback={fallback?.name}
        automatic={fallback === undefined || !sameModel(fallback.name, settings.defaultModel)}
        ollama={ollama}
        busy={offer.busy}
        onOffer={setOffered}
        deleteButtonRef={(name, el) => {
          if (el === null) deleteButtons.current.delete(name)
          else deleteButtons.current.set(name, el)
        }}
        onDelete={(m) => {
          remove.setError(null)
          setDone(null)
          setDeleting(m)
        }}
      />
      {deleting !== null && (
        <ConfirmStep
          question={`Delete ${deleting.name} from Ollama?`}
          confirmLabel="Delete model"
          cancelLabel="Keep it"
          busy={remove.busy}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => {
            deleteButtons.current.get(deleting.name)?.focus()
            setDeleting(null)
          }}
        >
          <p className="hint">
            It frees {formatBytes(deleting.sizeBytes)}. Using it again means pulling it again.
          </p>
        </ConfirmStep>
      )}
      {(remove.error ?? offer.error) !== null && (
        <p className="error" role="alert">
          {remove.error ?? offer.error}
        </p>
      )}
      <p role="status" className="form-status">
        {done ?? ''}
      </p>
      <SaleSettings
        settings={settings}
        installed={sellable}
        forSale={forSale}
        fallback={fallback}
      />
      <ModelPrices settings={settings} forSale={forSale} />
      <PullSection disabled={!reachable} empty={ollama.models.length === 0} />
    </div>
  )
}
