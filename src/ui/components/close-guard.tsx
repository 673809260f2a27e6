import { useEffect, useId, useRef } from 'react'

interface CloseGuardProps {
  title: string
  onKeep: () => void
  onDiscard: () => void
}

/**
 * Asked before a pane with unsaved edits closes: what was typed would be lost, and a price
 * typed but never saved leaves the provider serving at the old one. Keeping is the default.
 */
export const CloseGuard = ({ title, onKeep, onDiscard }: CloseGuardProps) => {
  const titleId = useId()
  const textId = useId()
  const keep = useRef<HTMLButtonElement>(null)
  // The safe answer takes focus, so Enter right after closing does no harm.
  useEffect(() => keep.current?.focus(), [])
  return (
    <div className="close-guard-backdrop">
      <div
        className="close-guard"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={(e) => {
          // Escape answers this question (keep editing); it must not reach the pane and close it.
          if (e.key !== 'Escape') return
          e.preventDefault()
          e.stopPropagation()
          onKeep()
        }}
      >
        <p id={titleId} className="confirm-question">
          Close {title} with unsaved changes?
        </p>
        <p id={textId} className="muted">
          What you typed has not been saved: closing discards it, and the saved settings stay in
          force.
        </p>
        <div className="form-actions">
          <button ref={keep} type="button" className="primary" onClick={onKeep}>
            Keep editing
          </button>
          <button type="button" className="danger" onClick={onDiscard}>
            Discard and close
          </button>
        </div>
      </div>
    </div>
  )
}
