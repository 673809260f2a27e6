import { atom } from 'jotai'
import type { JobState } from '../../../shared/job-state.ts'
import type { JobOrder } from '../../../shared/worker-api.ts'

/** How Job History is filtered and sorted; kept while the pane is closed. */
export interface HistoryView {
  state?: JobState
  /** As typed: an npub or a hex key; it filters only once it is a valid key. */
  customerText: string
  model?: string
  order: JobOrder
}

export const historyViewAtom = atom<HistoryView>({ customerText: '', order: 'newest' })

export const chartOpenAtom = atom(true)

/** Ids of the jobs whose details are open. */
export const openJobsAtom = atom<ReadonlySet<string>>(new Set<string>())
