import { useAtom } from 'jotai'
import { useEffect, type RefObject } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import { focusRequestAtom } from '../state/layout-atoms.ts'

/** A pane the person just opened takes the focus, so the keyboard lands in it. */
export const useFocusRequest = (ref: RefObject<HTMLElement | null>, id: PaneId) => {
  const [request, setRequest] = useAtom(focusRequestAtom)
  useEffect(() => {
    if (request !== id) return
    ref.current?.focus()
    setRequest(null)
  }, [request, id, ref, setRequest])
}
