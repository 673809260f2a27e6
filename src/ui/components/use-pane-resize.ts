import { useSetAtom } from 'jotai'
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import type { PaneRect } from '../state/layout.ts'
import { resizePaneAtom } from '../state/layout-atoms.ts'

/**
 * Panes are resized by the browser (CSS `resize`); remember the size the person chose.
 * A size that only differs because the desk is small is ours, not theirs: don't store it,
 * and neither is the size of a sheet on a narrow desk (`enabled` false).
 */
export const usePaneResize = (
  ref: RefObject<HTMLElement | null>,
  id: PaneId,
  shown: PaneRect,
  enabled: boolean,
) => {
  const resize = useSetAtom(resizePaneAtom)
  const latest = useRef({ shown, enabled })
  // Layout effects run before the browser reports sizes, so a pane that just became a sheet
  // is never mistaken for one the person resized.
  useLayoutEffect(() => {
    latest.current = { shown, enabled }
  })

  useEffect(() => {
    const el = ref.current
    if (el === null || !enabled) return
    const observer = new ResizeObserver(() => {
      const { shown: was, enabled: still } = latest.current
      const width = el.offsetWidth
      const height = el.offsetHeight
      if (still && (Math.abs(width - was.width) > 1 || Math.abs(height - was.height) > 1)) {
        resize(id, width, height)
      }
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, id, resize, enabled])
}
