import { useId, type ReactNode } from 'react'
import { FixText } from './fix-text.tsx'

export type Tone = 'good' | 'busy' | 'bad' | 'idle'

interface ReadinessLineProps {
  label: string
  /** The state in words: "Ready", "Checking...", "Unreachable". */
  state: string
  tone: Tone
  detail?: ReactNode
  reason?: string | undefined
  fix?: string | undefined
  action?: ReactNode
  /** A word the state uses, explained (CORS). */
  help?: string | undefined
}

/** One thing the provider needs (Ollama, a wallet): its state, and why and what to do if not ready. */
export const ReadinessLine = ({
  label,
  state,
  tone,
  detail,
  reason,
  fix,
  action,
  help,
}: ReadinessLineProps) => {
  const helpId = useId()
  return (
    <div
      className={`readiness tone-${tone}`}
      role="group"
      aria-label={label}
      aria-describedby={help === undefined ? undefined : helpId}
    >
      <div className="readiness-head">
        <span className="dot" aria-hidden="true" />
        <span className="readiness-label">{label}</span>{' '}
        <span className="readiness-state">{state}</span>
        {action !== undefined && <span className="readiness-action">{action}</span>}
      </div>
      {detail !== undefined && <div className="readiness-detail">{detail}</div>}
      {reason !== undefined && reason !== '' && <p className="reason">{reason}</p>}
      {fix !== undefined && fix !== '' && <FixText text={fix} />}
      {help !== undefined && (
        <p id={helpId} className="help-line">
          {help}
        </p>
      )}
    </div>
  )
}
