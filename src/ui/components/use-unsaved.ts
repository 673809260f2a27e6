import { useSetAtom } from 'jotai'
import { useEffect } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import { markUnsavedAtom } from '../state/layout-atoms.ts'

/** Tell the pane's window that closing it now would lose edits, so it asks first. */
export const useUnsaved = (id: PaneId, unsaved: boolean) => {
  const mark = useSetAtom(markUnsavedAtom)
  useEffect(() => {
    mark(id, unsaved)
    // Gone from the screen (closed, discarded): nothing of it is left to lose.
    return () => mark(id, false)
  }, [id, unsaved, mark])
}
