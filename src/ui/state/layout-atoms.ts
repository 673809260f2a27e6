import { atom, type Atom } from 'jotai'
import { selectAtom } from 'jotai/utils'
import type { PaneId } from '../panes/pane-list.ts'
import { cascadePosition } from './cascade.ts'
import {
  clampRect,
  defaultLayout,
  moveTo,
  normalizeLayout,
  PANE_IDS,
  resizeTo,
  setOpen,
  toFront,
  type Layout,
  type PaneLayout,
  type Viewport,
} from './layout.ts'
import type { Store } from './store.ts'

const STORAGE_KEY = 'sell-compute:layout:v1'

const loadLayout = (): Layout => {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    return normalizeLayout(raw === null ? null : JSON.parse(raw))
  } catch {
    return defaultLayout()
  }
}

export const layoutAtom = atom<Layout>(loadLayout())

/** Open panes, positions, sizes and stacking survive a reload. */
export const persistLayout = (store: Store): (() => void) =>
  store.sub(layoutAtom, () => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(store.get(layoutAtom)))
    } catch {
      // Storage full or disabled: the layout just won't survive a reload.
    }
  })

/** The area above the hotbar, measured by the desk. */
export const deskSizeAtom = atom<Viewport>({
  width: window.innerWidth,
  height: window.innerHeight,
})

/** Below this desk width panes are full-width sheets in a column, not floating windows. */
export const NARROW_DESK_WIDTH = 600

export const narrowDeskAtom = atom((get) => get(deskSizeAtom).width < NARROW_DESK_WIDTH)

/** A pane that was just opened by the person and should take focus. */
export const focusRequestAtom = atom<PaneId | null>(null)

const byPane = <T>(make: (id: PaneId) => Atom<T>) =>
  Object.fromEntries(PANE_IDS.map((id) => [id, make(id)])) as Record<PaneId, Atom<T>>

export const paneLayoutAtoms = byPane<PaneLayout>((id) => atom((get) => get(layoutAtom).panes[id]))

export const paneStackAtoms = byPane<number>((id) =>
  atom((get) => get(layoutAtom).order.indexOf(id) + 1),
)

const sameIds = (a: readonly PaneId[], b: readonly PaneId[]) =>
  a.length === b.length && a.every((id, i) => id === b[i])

export const openPaneIdsAtom = selectAtom(
  layoutAtom,
  (layout) => PANE_IDS.filter((id) => layout.panes[id].open),
  sameIds,
)

/** Opening a pane where it would hide an open one (all but a sliver of its title): cascade. */
const placeForOpening = (layout: Layout, id: PaneId, desk: Viewport): Layout => {
  const open = layout.order
    .filter((o) => o !== id && layout.panes[o].open)
    .map((o) => clampRect(layout.panes[o], desk))
  const place = cascadePosition(layout.panes[id], open, desk)
  if (place === null) return layout
  return resizeTo(moveTo(layout, id, place.x, place.y), id, place.width, place.height)
}

/** Panes holding something the person would lose by closing them (unsaved edits). */
export const unsavedPanesAtom = atom<ReadonlySet<PaneId>>(new Set<PaneId>())

export const markUnsavedAtom = atom(null, (get, set, id: PaneId, unsaved: boolean) => {
  const now = get(unsavedPanesAtom)
  if (now.has(id) === unsaved) return
  const next = new Set(now)
  if (unsaved) next.add(id)
  else next.delete(id)
  set(unsavedPanesAtom, next)
})

/** The pane whose closing waits for the person: keep editing, or discard and close. */
export const closeAskingAtom = atom<PaneId | null>(null)

/** Close a pane, without asking: the person said so, or nothing in it is unsaved. */
export const closePaneAtom = atom(null, (get, set, id: PaneId) => {
  if (get(closeAskingAtom) === id) set(closeAskingAtom, null)
  set(layoutAtom, (layout) => setOpen(layout, id, false))
})

/**
 * Every way of closing a pane (its button, Escape, the hotbar, Ctrl+digit) comes here: a pane
 * with unsaved edits comes to the front and asks first. True when the pane closed.
 */
export const requestCloseAtom = atom(null, (get, set, id: PaneId): boolean => {
  if (!get(unsavedPanesAtom).has(id)) {
    set(closePaneAtom, id)
    return true
  }
  set(layoutAtom, (layout) => toFront(layout, id))
  set(closeAskingAtom, id)
  return false
})

export const togglePaneAtom = atom(null, (get, set, id: PaneId) => {
  const open = !get(layoutAtom).panes[id].open
  if (!open) {
    set(focusRequestAtom, null)
    set(requestCloseAtom, id)
    return
  }
  const desk = get(deskSizeAtom)
  const narrow = get(narrowDeskAtom)
  set(layoutAtom, (layout) =>
    setOpen(narrow ? layout : placeForOpening(layout, id, desk), id, true),
  )
  set(focusRequestAtom, id)
})

export const bringToFrontAtom = atom(null, (_get, set, id: PaneId) => {
  set(layoutAtom, (layout) => toFront(layout, id))
})

export const movePaneAtom = atom(null, (get, set, id: PaneId, x: number, y: number) => {
  const fitted = clampRect({ ...get(layoutAtom).panes[id], x, y }, get(deskSizeAtom))
  set(layoutAtom, (layout) => moveTo(layout, id, fitted.x, fitted.y))
})

export const resizePaneAtom = atom(null, (_get, set, id: PaneId, width: number, height: number) => {
  set(layoutAtom, (layout) => resizeTo(layout, id, Math.round(width), Math.round(height)))
})
