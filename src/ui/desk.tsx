import { useAtomValue } from 'jotai'
import { useRef } from 'react'
import { PaneWindow } from './components/pane-window.tsx'
import { modifierName } from './hotbar/use-hotkeys.ts'
import { useDeskSize } from './components/use-desk-size.ts'
import { PANE_CONTENT } from './panes/pane-content.tsx'
import { PANES } from './panes/pane-list.ts'
import { narrowDeskAtom, openPaneIdsAtom } from './state/layout-atoms.ts'

/** The area above the hotbar where the open panes float, or, when narrow, a column of sheets. */
export const Desk = () => {
  const openIds = useAtomValue(openPaneIdsAtom)
  const narrow = useAtomValue(narrowDeskAtom)
  const ref = useRef<HTMLElement>(null)
  useDeskSize(ref)
  return (
    <main className={narrow ? 'desk narrow' : 'desk'} ref={ref}>
      {openIds.length === 0 && (
        <p className="desk-hint">
          Open a pane from the hotbar below, or press {modifierName()}+1 to {modifierName()}+
          {PANES.length}.
        </p>
      )}
      {PANES.filter((p) => openIds.includes(p.id)).map((p) => (
        <PaneWindow key={p.id} id={p.id} title={p.title} content={PANE_CONTENT[p.id]} />
      ))}
    </main>
  )
}
