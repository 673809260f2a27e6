import { useSetAtom } from 'jotai'
import { useRef, type PointerEvent } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import type { PaneRect } from '../state/layout.ts'
import { movePaneAtom } from '../state/layout-atoms.ts'

interface DragStart {
  pointerX: number
  pointerY: number
  x: number
  y: number
}

/** Pointer handlers for a pane's title bar: drag to move, kept on the desk. */
export const usePaneDrag = (id: PaneId, shown: PaneRect, enabled: boolean) => {
  const move = useSetAtom(movePaneAtom)
  const start = useRef<DragStart | null>(null)
  if (!enabled) return {}

  const end = () => {
    start.current = null
  }

  return {
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (e.button !== 0 || (e.target as Element).closest('button, a, input, select, textarea')) {
        return
      }
      start.current = { pointerX: e.clientX, pointerY: e.clientY, x: shown.x, y: shown.y }
      e.currentTarget.setPointerCapture(e.pointerId)
      // No text selection while dragging.
      e.preventDefault()
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      const s = start.current
      if (s === null) return
      move(id, s.x + e.clientX - s.pointerX, s.y + e.clientY - s.pointerY)
    },
    onPointerUp: end,
    onPointerCancel: end,
    onLostPointerCapture: end,
  }
}
