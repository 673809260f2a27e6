import type { JobRecord } from '../../shared/job-state.ts'
import type { Hub } from './hub.ts'
import { progressSender } from './progress.ts'
import type { Replies } from './replies.ts'

const PARTIAL_EVERY_MS = 2000
const REASONING_WORDS = 'Reasoning: the model thinks before it answers'

export interface LiveTextDeps {
  emit: Hub['emit']
  feedback: Replies['feedback']
  now: () => number
}

/**
 * Tokens as they stream: to the Sell Compute pane always, to the customer if partials are on.
 * While a thinking model reasons there is no answer yet; both are told it is reasoning.
 */
export const liveText = (d: LiveTextDeps, job: JobRecord, partials: boolean) => {
  const progress = progressSender({ emit: d.emit }, job.id, d.now)
  const partial = partials ? partialSender(d, job) : undefined
  let answering = false
  return {
    text: (text: string) => {
      answering = true
      progress(text)
      partial?.(text)
    },
    thinking: () => {
      if (answering) return
      progress('', true)
      partial?.('', true)
    },
  }
}

/** `partial` feedback with the text so far, at most one per 2 s per job. */
const partialSender = (d: LiveTextDeps, job: JobRecord) => {
  // The first partial comes 2 s in: a short answer needs none.
  let last = d.now()
  return (text: string, reasoning = false) => {
    const now = d.now()
    if (now - last < PARTIAL_EVERY_MS) return
    last = now
    void d.feedback(
      job,
      reasoning
        ? { status: 'partial', text: REASONING_WORDS }
        : { status: 'partial', text: 'Generating', content: text },
    )
  }
}
