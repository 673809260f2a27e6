import { useAtomValue } from 'jotai'
import { useLayoutEffect, useRef, useState } from 'react'
import type { LogEntry, LogLevel } from '../../../shared/worker-api.ts'
import { CopyButton } from '../../components/copy-button.tsx'
import { formatClock, formatCount } from '../../format.ts'
import { explain, jargonIn } from '../../glossary.ts'
import { logAtom } from '../../state/engine-atoms.ts'
import { arrivedSince, filterLog, logLines } from './log-view.ts'

const LEVELS: readonly { value: LogLevel; label: string }[] = [
  { value: 'debug', label: 'Everything' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
]

const LogLine = ({ entry }: { entry: LogEntry }) => (
  <li className={`log-entry level-${entry.level}`}>
    <time className="mono muted" dateTime={new Date(entry.at).toISOString()}>
      {formatClock(entry.at)}
    </time>{' '}
    <span className="log-level">{entry.level}</span>{' '}
    <span className="log-message">{entry.message}</span>
  </li>
)

/**
 * The engine's log, newest at the bottom, following new entries while scrolled to the end.
 * Paused, it holds still (the lines as they were) and counts what arrived meanwhile.
 */
export const LogPane = () => {
  const log = useAtomValue(logAtom)
  const [min, setMin] = useState<LogLevel>('debug')
  const [text, setText] = useState('')
  const [frozen, setFrozen] = useState<readonly LogEntry[] | null>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const following = useRef(true)
  const source = frozen ?? log
  const shown = filterLog(source, { min, text })
  const arrived = frozen === null ? 0 : arrivedSince(log, frozen.at(-1)?.seq ?? 0)
  // The words of Nostr the lines shown use, explained once below them.
  const words = explain(jargonIn(shown.map((e) => e.message).join('\n')))

  useLayoutEffect(() => {
    const list = listRef.current
    if (list !== null && following.current) list.scrollTop = list.scrollHeight
  }, [shown.length, source])

  return (
    <div className="log-pane">
      <div className="toolbar-row log-toolbar">
        <label htmlFor="log-level">Level</label>
        <select id="log-level" value={min} onChange={(e) => setMin(e.target.value as LogLevel)}>
          {LEVELS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <label htmlFor="log-filter" className="visually-hidden">
          Filter log
        </label>
        <input
          id="log-filter"
          type="search"
          className="log-filter"
          placeholder="Filter…"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          className="small"
          onClick={() => setFrozen(frozen === null ? log : null)}
        >
          {frozen === null ? 'Pause' : 'Resume'}
        </button>
        <CopyButton text={logLines(shown)} label="Copy visible lines" />
      </div>
      <p className="log-counts muted">
        {formatCount(shown.length)} of {formatCount(source.length)} entries
        {frozen !== null &&
          ` · Paused, ${formatCount(arrived)} new ${arrived === 1 ? 'line' : 'lines'} waiting`}
      </p>
      <ol
        ref={listRef}
        className="log-list"
        aria-label="Log entries"
        aria-describedby={words === '' ? undefined : 'log-words'}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
        }}
      >
        {shown.map((entry) => (
          <LogLine key={entry.seq} entry={entry} />
        ))}
        {shown.length === 0 && (
          <li className="muted empty">
            {source.length === 0 ? 'Nothing logged yet.' : 'No entries match the filter.'}
          </li>
        )}
      </ol>
      {words !== '' && (
        <p id="log-words" className="help-line log-words">
          {words}
        </p>
      )}
    </div>
  )
}
