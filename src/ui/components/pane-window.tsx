import { useAtomValue, useSetAtom } from 'jotai'
import { useMemo, useRef, type ComponentType, type KeyboardEvent } from 'react'
import type { PaneId } from '../panes/pane-list.ts'
import { clampRect } from '../state/layout.ts'
import {
  bringToFrontAtom,
  closeAskingAtom,
  closePaneAtom,
  deskSizeAtom,
  narrowDeskAtom,
  paneLayoutAtoms,
  paneStackAtoms,
  requestCloseAtom,
} from '../state/layout-atoms.ts'
import { CloseGuard } from './close-guard.tsx'
import { createEscapeLayers, EscapeLayersContext } from './escape-layers.ts'
import { typesText } from './types-text.ts'
import { useFocusRequest } from './use-focus-request.ts'
import { usePaneDrag } from './use-pane-drag.ts'
import { usePaneResize } from './use-pane-resize.ts'

interface PaneWindowProps {
  id: PaneId
  title: string
  content: ComponentType
}

/**
 * A non-modal, movable, resizable window around one pane's content. On a narrow desk it is
 * a full-width sheet in a column instead, and neither moves nor resizes.
 */
export const PaneWindow = ({ id, title, content: Content }: PaneWindowProps) => {
  const layout = useAtomValue(paneLayoutAtoms[id])
  const stack = useAtomValue(paneStackAtoms[id])
  const desk = useAtomValue(deskSizeAtom)
  const narrow = useAtomValue(narrowDeskAtom)
  const bringToFront = useSetAtom(bringToFrontAtom)
  const close = useSetAtom(closePaneAtom)
  const requestClose = useSetAtom(requestCloseAtom)
  const asking = useAtomValue(closeAskingAtom) === id
  const setAsking = useSetAtom(closeAskingAtom)
  const ref = useRef<HTMLDivElement>(null)
  const shown = clampRect(layout, desk)
  const drag = usePaneDrag(id, shown, !narrow)
  usePaneResize(ref, id, shown, !narrow)
  useFocusRequest(ref, id)
  // Moving the window must not re-render what is inside it.
  const body = useMemo(() => <Content />, [Content])
  const layers = useMemo(() => createEscapeLayers(), [])
  const titleId = `pane-${id}-title`

  // Back to the pane's hotbar button when the focus was in the pane, so it is not lost.
  const closed = (hadFocus: boolean) => {
    if (hadFocus) document.querySelector<HTMLElement>(`[data-pane="${id}"]`)?.focus()
  }
  const onClose = () => {
    const hadFocus = ref.current?.contains(document.activeElement) ?? false
    if (requestClose(id)) closed(hadFocus)
  }
  const keepEditing = () => {
    setAsking(null)
    ref.current?.focus()
  }
  const discard = () => {
    close(id)
    closed(true)
  }

  // Escape closes the innermost thing open in the pane the keyboard is in (a confirmation,
  // a details view), and the pane once nothing is; not when something inside used the key
  // or the person is typing (Escape there often means "never mind" to the field).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || typesText(e.target)) return
    e.preventDefault()
    if (!layers.closeInnermost()) onClose()
  }

  const place = narrow
    ? undefined
    : { left: shown.x, top: shown.y, width: shown.width, height: shown.height, zIndex: stack }

  return (
    <div
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      className="pane"
      data-pane-id={id}
      style={place}
      onPointerDownCapture={() => bringToFront(id)}
      onFocusCapture={() => bringToFront(id)}
      onKeyDown={onKeyDown}
    >
      <header className="pane-title-bar" {...drag}>
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="pane-close"
          aria-label={`Close ${title}`}
          title={`Close ${title} (Esc)`}
          onClick={onClose}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="pane-body" inert={asking}>
        <EscapeLayersContext.Provider value={layers}>{body}</EscapeLayersContext.Provider>
      </div>
      {asking && <CloseGuard title={title} onKeep={keepEditing} onDiscard={discard} />}
    </div>
  )
}
