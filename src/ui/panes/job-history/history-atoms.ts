import { atom } from 'jotai'
import { selectAtom, unwrap } from 'jotai/utils'
import { parseCustomer } from '../../../shared/customer-key.ts'
import type { JobState } from '../../../shared/job-state.ts'
import { errorText } from '../../../shared/result.ts'
import type { JobFilter, JobOrder, JobSummary } from '../../../shared/worker-api.ts'
import { jobsChangedEvery } from '../../state/job-changes.ts'
import { getEngine } from '../../worker-client.ts'

/** How Job History is filtered and sorted; kept while the pane is closed. */
export interface HistoryView {
  state?: JobState
  /** As typed: an npub (whole or shortened as shown) or a hex key; it filters once it is one. */
  customerText: string
  model?: string
  order: JobOrder
}

export const historyViewAtom = atom<HistoryView>({ customerText: '', order: 'newest' })

export const chartOpenAtom = atom(true)

/** The job whose details are shown beside the table, if any. */
export const selectedJobAtom = atom<string | null>(null)

export interface HistoryQuery {
  filter: JobFilter
  order: JobOrder
}

const toQuery = ({ state, customerText, model, order }: HistoryView): HistoryQuery => {
  const customer = parseCustomer(customerText)
  return {
    filter: {
      ...(state !== undefined ? { state } : {}),
      ...(customer.kind === 'key' ? { customer: customer.hex } : {}),
      ...(customer.kind === 'short' ? { customerShort: customer.short } : {}),
      ...(model !== undefined ? { model } : {}),
    },
    order,
  }
}

const sameQuery = (a: HistoryQuery, b: HistoryQuery) =>
  a.order === b.order &&
  a.filter.state === b.filter.state &&
  a.filter.customer === b.filter.customer &&
  a.filter.customerShort?.head === b.filter.customerShort?.head &&
  a.filter.customerShort?.tail === b.filter.customerShort?.tail &&
  a.filter.model === b.filter.model

/** What the table asks the engine for: typing half a key changes nothing until it is whole. */
export const historyQueryAtom = selectAtom(historyViewAtom, toQuery, sameQuery)

export interface SummaryRead {
  summary: JobSummary | null
  /** Why the latest read failed; the figures read before stay shown. */
  error: string | null
}

const summaryTick = jobsChangedEvery(1000)
let lastSummary: JobSummary | null = null

/** The history's figures, read again as jobs change; the last ones stay while it reads. */
export const jobSummaryAtom = unwrap(
  atom(async (get): Promise<SummaryRead> => {
    get(summaryTick)
    try {
      lastSummary = await getEngine().jobSummary()
      return { summary: lastSummary, error: null }
    } catch (e) {
      return { summary: lastSummary, error: `The figures could not be read: ${errorText(e)}` }
    }
  }),
  (previous) => previous ?? { summary: null, error: null },
)
