import { useAtomValue } from 'jotai'
import { useRef } from 'react'
import { PaneWindow } from './components/pane-window.tsx'
import { useDeskSize } from './components/use-desk-size.ts'
import { PANE_CONTENT } from './panes/pane-content.tsx'
import { PANES } from './panes/pane-list.ts'
import { openPaneIdsAtom } from './state/layout-atoms.ts'

/** The area above the hotbar where the open panes float. */
export const Desk = () => {
  const openIds = useAtomValue(openPaneIdsAtom)
  const ref = useRef<HTMLElement>(null)
  useDeskSize(ref)
  return (
    <main className="desk" ref={ref}>
      {openIds.length === 0 && (
        <p className="desk-hint">
          Open a pane from the hotbar below, or press Ctrl+1 to Ctrl+{PANES.length}.
        </p>
      )}
      {PANES.filter((p) => openIds.includes(p.id)).map((p) => (
        <PaneWindow key={p.id} id={p.id} title={p.title} content={PANE_CONTENT[p.id]} />
      ))}
    </main>
  )
}
