import { useAtom } from 'jotai'
import { useId } from 'react'
import { setupLinkReviewAtom } from '../state/engine-atoms.ts'
import { useCommand } from './use-command.ts'

/**
 * A setup link opened on a provider that already has settings: what it would change, old
 * beside new, and nothing applied until the person says so. Ignoring is the default.
 */
export const SetupLinkReview = () => {
  const [pending, setPending] = useAtom(setupLinkReviewAtom)
  const { busy, error, run } = useCommand()
  const titleId = useId()
  const warningsId = useId()
  if (pending === null) return null
  const { link, review } = pending

  const apply = async () => {
    const outcome = await run('applySetupLink', { ...link, confirmed: true })
    if (outcome.ok) setPending(null)
  }

  return (
    <section
      className={`banner setup-link-review ${review.warnings.length > 0 ? 'tone-bad' : 'tone-busy'}`}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={review.warnings.length > 0 ? warningsId : undefined}
    >
      <div>
        <h2 id={titleId} className="setup-link-title">
          This link would change your settings
        </h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Now</th>
              <th scope="col">From the link</th>
            </tr>
          </thead>
          <tbody>
            {review.changes.map((c) => (
              <tr key={c.setting}>
                <th scope="row">{c.setting}</th>
                <td className="mono break">{c.before.join('\n')}</td>
                <td className="mono break">{c.after.join('\n')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div id={warningsId}>
          {review.warnings.map((w) => (
            <p key={w} className="setup-link-warning">
              Warning: {w}
            </p>
          ))}
        </div>
        <p className="muted">Nothing changes unless you apply it.</p>
        {error !== null && (
          <p role="alert" className="setup-link-warning">
            Not applied: {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="danger" disabled={busy} onClick={() => void apply()}>
            Apply link settings
          </button>
          {/* The safe choice takes focus, so Enter right after loading does no harm. */}
          <button type="button" autoFocus disabled={busy} onClick={() => setPending(null)}>
            Ignore link
          </button>
        </div>
      </div>
    </section>
  )
}
