import { useId, type ReactNode } from 'react'
import { useEscapeLayer } from './escape-layers.ts'

interface ConfirmStepProps {
  question: string
  children?: ReactNode
  confirmLabel: string
  cancelLabel: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A second step before something that cannot be undone; focus starts on the safe choice. */
export const ConfirmStep = ({
  question,
  children,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: ConfirmStepProps) => {
  const titleId = useId()
  // Escape anywhere in the pane cancels this first; the pane stays open.
  useEscapeLayer(busy ? null : onCancel)
  return (
    <div className="confirm-step" role="group" aria-labelledby={titleId}>
      <p id={titleId} className="confirm-question">
        {question}
      </p>
      {children}
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-busy={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          // The safe choice takes focus, so Enter right after opening does no harm.
          autoFocus
          disabled={busy}
          onClick={onCancel}
        >
          {cancelLabel}
        </button>
      </div>
    </div>
  )
}
