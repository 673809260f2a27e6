import type { ReactNode } from 'react'

export interface ControlProps {
  id: string
  'aria-invalid': boolean
  'aria-describedby': string | undefined
}

interface FieldProps {
  id: string
  label: string
  help?: string
  error?: string | undefined
  /** Renders the control, wired to the label, the help and the error. */
  children: (props: ControlProps) => ReactNode
}

/** A labelled form control with optional help and an inline error. */
export const Field = ({ id, label, help, error, children }: FieldProps) => {
  const helpId = help === undefined ? undefined : `${id}-help`
  const errorId = error === undefined ? undefined : `${id}-error`
  const describedBy = [errorId, helpId].filter((x) => x !== undefined).join(' ')
  return (
    <div className={`field${error === undefined ? '' : ' invalid'}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error !== undefined,
        'aria-describedby': describedBy === '' ? undefined : describedBy,
      })}
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {help !== undefined && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  )
}
