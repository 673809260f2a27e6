import { useAtom } from 'jotai'
import type { CustomerMatch } from '../../../shared/customer-key.ts'
import { JOB_STATES, STATUS_WORDS, type JobState } from '../../../shared/job-state.ts'
import { GLOSSARY } from '../../glossary.ts'
import { historyViewAtom } from './history-atoms.ts'

const isJobState = (v: string): v is JobState => (JOB_STATES as readonly string[]).includes(v)

/** Status, customer and model filters. Sorting is on the Time column. */
export const JobFilters = ({
  models,
  customer,
}: {
  models: readonly string[]
  customer: CustomerMatch
}) => {
  const [view, setView] = useAtom(historyViewAtom)
  const invalid = customer.kind === 'invalid'
  // A model picked earlier stays listed even before the figures have loaded.
  const choices =
    view.model !== undefined && !models.includes(view.model) ? [view.model, ...models] : models
  return (
    <div className="history-filters" role="group" aria-label="Filters">
      <label className="filter">
        <span>Status</span>
        <select
          value={view.state ?? ''}
          onChange={(e) => {
            const v = e.target.value
            setView((s) => ({ ...s, state: isJobState(v) ? v : undefined }))
          }}
        >
          <option value="">All</option>
          {JOB_STATES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter customer">
        <span>Customer</span>
        <input
          type="search"
          value={view.customerText}
          placeholder="npub1… or hex key"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={
            invalid ? 'history-customer-error history-customer-help' : 'history-customer-help'
          }
          onChange={(e) => {
            const customerText = e.target.value
            setView((s) => ({ ...s, customerText }))
          }}
        />
      </label>
      <label className="filter">
        <span>Model</span>
        <select
          value={view.model ?? ''}
          onChange={(e) => {
            const v = e.target.value
            setView((s) => ({ ...s, model: v === '' ? undefined : v }))
          }}
        >
          <option value="">All</option>
          {choices.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {invalid && (
        <p id="history-customer-error" className="field-error filter-error">
          {customer.reason}
        </p>
      )}
      <p id="history-customer-help" className="help-line filter-help">
        Customer: an npub ({GLOSSARY.npub}), whole or as shown (npub1abcde…wxyz), or hex.
      </p>
    </div>
  )
}
