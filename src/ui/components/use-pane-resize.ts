import { useSetAtom } from 'jotai'
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import type { PaneRect } from '../state/layout.ts'
import { resizePaneAtom } from '../state/layout-atoms.ts'

/**
 * Panes are resized by the browser (CSS `resize`); remember the size the person chose.
 * A size that only differs because the desk is small is ours, not theirs: don't store it.
 */
export const usePaneResize = (ref: RefObject<HTMLElement | null>, id: PaneId, shown: PaneRect) => {
  const resize = useSetAtom(resizePaneAtom)
  const latest = useRef(shown)
  useLayoutEffect(() => {
    latest.current = shown
  })

  useEffect(() => {
    const el = ref.current
    if (el === null) return
    const observer = new ResizeObserver(() => {
      const width = el.offsetWidth
      const height = el.offsetHeight
      const { width: w, height: h } = latest.current
      if (Math.abs(width - w) > 1 || Math.abs(height - h) > 1) resize(id, width, height)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, id, resize])
}
