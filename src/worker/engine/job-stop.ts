/** Why a running job's signal was aborted: typed, so nobody compares error messages. */
export type JobStop =
  /** The customer's kind 5 deletion: the job ends cancelled and the customer is told. */
  | { kind: 'cancelled-by-customer' }
  /** The engine is closing: the job stays running in the journal and resumes on the next start. */
  | { kind: 'engine-closed' }

export const CANCELLED_BY_CUSTOMER: JobStop = { kind: 'cancelled-by-customer' }
export const ENGINE_CLOSED: JobStop = { kind: 'engine-closed' }

const STOPS: readonly unknown[] = [CANCELLED_BY_CUSTOMER, ENGINE_CLOSED]

/** The stop a signal was aborted with, or null if it was not stopped by the engine. */
export const stopOf = (signal: AbortSignal): JobStop | null =>
  signal.aborted && STOPS.includes(signal.reason) ? (signal.reason as JobStop) : null
