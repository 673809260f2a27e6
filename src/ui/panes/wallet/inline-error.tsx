/** A failed command's reason, announced as it appears; rendered as text only. */
export const InlineError = ({ id, error }: { id?: string; error: string | null }) =>
  error === null ? null : (
    <p id={id} className="error" role="alert">
      {error}
    </p>
  )
