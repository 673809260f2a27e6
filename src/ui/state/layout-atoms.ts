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

/** Opening a pane exactly on top of another open one would hide it: cascade instead. */
const placeForOpening = (layout: Layout, id: PaneId, desk: Viewport): Layout => {
  const others = PANE_IDS.filter((o) => o !== id && layout.panes[o].open).map((o) =>
    clampRect(layout.panes[o], desk),
  )
  const place = cascadePosition(layout.panes[id], others, desk)
  return place === null ? layout : moveTo(layout, id, place.x, place.y)
}

export const togglePaneAtom = atom(null, (get, set, id: PaneId) => {
  const open = !get(layoutAtom).panes[id].open
  const desk = get(deskSizeAtom)
  const narrow = get(narrowDeskAtom)
  set(layoutAtom, (layout) =>
    setOpen(open && !narrow ? placeForOpening(layout, id, desk) : layout, id, open),
  )
  set(focusRequestAtom, open ? id : null)
})

export const closePaneAtom = atom(null, (_get, set, id: PaneId) => {
  set(layoutAtom, (layout) => setOpen(layout, id, false))
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
