import { useAtomValue } from 'jotai'
import { useId, useLayoutEffect, useRef, useState } from 'react'
import type { LogLevel } from '../../../shared/worker-api.ts'
import { formatClock } from '../../format.ts'
import { logAtom } from '../../state/engine-atoms.ts'

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

const FILTERS: readonly { value: LogLevel; label: string }[] = [
  { value: 'debug', label: 'Everything' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
]

/** The engine's log, newest at the bottom, following new entries while scrolled to the end. */
export const LogPane = () => {
  const log = useAtomValue(logAtom)
  const [min, setMin] = useState<LogLevel>('debug')
  const listRef = useRef<HTMLOListElement>(null)
  const following = useRef(true)
  const selectId = useId()
  const shown = log.filter((e) => RANK[e.level] >= RANK[min])

  useLayoutEffect(() => {
    const list = listRef.current
    if (list !== null && following.current) list.scrollTop = list.scrollHeight
  }, [shown.length, log])

  return (
    <div className="log-pane">
      <div className="toolbar-row">
        <label htmlFor={selectId}>Level</label>
        <select id={selectId} value={min} onChange={(e) => setMin(e.target.value as LogLevel)}>
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <span className="muted">
          {shown.length} of {log.length} entries
        </span>
      </div>
      <ol
        ref={listRef}
        className="log-list"
        aria-label="Log entries"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
        }}
      >
        {shown.map((entry) => (
          <li key={entry.seq} className={`log-entry level-${entry.level}`}>
            <time className="mono muted" dateTime={new Date(entry.at).toISOString()}>
              {formatClock(entry.at)}
            </time>{' '}
            <span className="log-level">{entry.level}</span>{' '}
            <span className="log-message">{entry.message}</span>
          </li>
        ))}
        {shown.length === 0 && <li className="muted empty">Nothing logged yet.</li>}
      </ol>
    </div>
  )
}
