/**
 * Every refused request leaves a trace: counted by reason for the last hour (the Sell Compute
 * pane and Job History show it), a log line with its reason, and a hint when one customer keeps
 * hitting the rate limit. Under a flood the log gets one line per few seconds, not one per
 * request: the first refusal after a quiet spell is said at once, the rest grouped.
 */
import { shortNpub } from '../../shared/customer-key.ts'
import type { EngineCounts } from '../../shared/engine-counts.ts'
import { REFUSAL_WORDS, type RefuseReason } from '../../shared/request-reason.ts'
import type { Log } from '../log.ts'
import { createWindowedCounter } from './windowed-counter.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Refusals after the first are said together, one line per this long. */
export const GROUP_MS = 10_000
/** One customer refused by the rate limit this often, this fast, gets a hint in the log. */
export const LIMIT_HINT_TIMES = 30
export const LIMIT_HINT_WINDOW_MS = 10 * MINUTE
// A flood from thousands of throwaway keys must not grow memory without end.
const MAX_CUSTOMERS = 5000

export interface Refusal {
  reason: RefuseReason
  customer: string
  requestId: string
  /** The line to log when it is said alone, if the decision had one. */
  detail?: string
}

export interface RefusalsDeps {
  log: Log
  now: () => number
  /** The figures moved: publish them. */
  onChange: () => void
}

export type RefusalFigures = Pick<EngineCounts, 'refusedLastHour' | 'limitHint'>

/** "rate limited (10), wallet not ready (2)": most frequent first. */
export const reasonList = (counts: ReadonlyMap<RefuseReason, number>): string =>
  [...counts]
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${REFUSAL_WORDS[reason]} (${n})`)
    .join(', ')

export const createRefusals = (d: RefusalsDeps) => {
  const byReason = createWindowedCounter<RefuseReason>({ bucketMs: MINUTE, windowMs: HOUR })
  const limited = createWindowedCounter<string>({
    bucketMs: MINUTE,
    windowMs: LIMIT_HINT_WINDOW_MS,
    maxKeys: MAX_CUSTOMERS,
  })
  const hinted = new Map<string, number>()
  let hint: { words: string; at: number } | null = null
  let pending = new Map<RefuseReason, number>()
  let timer: ReturnType<typeof setTimeout> | null = null

  /** Say the grouped refusals, if any; true if there were. */
  const sayGrouped = (span: string): boolean => {
    const total = [...pending.values()].reduce((a, b) => a + b, 0)
    if (total === 0) return false
    const what = total === 1 ? '1 more request' : `${total} more requests`
    d.log('info', `${what} refused${span}: ${reasonList(pending)}`)
    pending = new Map()
    return true
  }

  // While refusals keep coming, one line per GROUP_MS; after a quiet one, the next is said alone.
  const flush = () => {
    timer = sayGrouped(` in the last ${GROUP_MS / 1000} s`) ? setTimeout(flush, GROUP_MS) : null
  }

  const say = (r: Refusal) => {
    if (timer !== null) {
      pending.set(r.reason, (pending.get(r.reason) ?? 0) + 1)
      return
    }
    const words = REFUSAL_WORDS[r.reason]
    d.log(
      'info',
      r.detail ??
        `request ${r.requestId.slice(0, 8)} from ${shortNpub(r.customer)} refused: ${words}`,
    )
    timer = setTimeout(flush, GROUP_MS)
  }

  const watchLimit = (customer: string, at: number) => {
    limited.add(customer, at)
    for (const [who, when] of hinted) if (at - when >= LIMIT_HINT_WINDOW_MS) hinted.delete(who)
    const times = limited.count(customer, at, at - LIMIT_HINT_WINDOW_MS)
    if (times < LIMIT_HINT_TIMES || hinted.has(customer)) return
    hinted.set(customer, at)
    const minutes = LIMIT_HINT_WINDOW_MS / MINUTE
    const words = `customer ${shortNpub(customer)} hit the rate limit ${times} times in ${minutes} min; raise the limit or block them`
    hint = { words, at }
    d.log('warn', words)
  }

  return {
    record(r: Refusal) {
      const at = d.now()
      byReason.add(r.reason, at)
      if (r.reason === 'rate-limited') watchLimit(r.customer, at)
      say(r)
      d.onChange()
    },
    figures(now: number): RefusalFigures {
      const refusedLastHour = Object.fromEntries(byReason.totals(now, now - HOUR))
      const recent = hint !== null && now - hint.at < LIMIT_HINT_WINDOW_MS
      return { refusedLastHour, ...(recent && hint ? { limitHint: hint.words } : {}) }
    },
    /** Say what is still grouped, and stop the timer. */
    stop() {
      if (timer !== null) clearTimeout(timer)
      timer = null
      sayGrouped('')
    },
  }
}
