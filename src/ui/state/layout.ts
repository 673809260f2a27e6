import { FIRST_OPEN, PANES, type PaneId } from '../panes/pane-list.ts'

export interface PaneRect {
  x: number
  y: number
  width: number
  height: number
}

export interface PaneLayout extends PaneRect {
  open: boolean
}

export interface Layout {
  panes: Record<PaneId, PaneLayout>
  /** Back to front. */
  order: PaneId[]
}

export interface Viewport {
  width: number
  height: number
}

export const MIN_WIDTH = 280
export const MIN_HEIGHT = 160
const MARGIN = 8

export const PANE_IDS: readonly PaneId[] = PANES.map((p) => p.id)

export const isPaneId = (v: unknown): v is PaneId => PANE_IDS.includes(v as PaneId)

export const defaultLayout = (): Layout => ({
  panes: Object.fromEntries(
    PANES.map((p) => [p.id, { ...p.rect, open: FIRST_OPEN.includes(p.id) }]),
  ) as Record<PaneId, PaneLayout>,
  order: [...PANE_IDS],
})

const finite = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : fallback

/** A layout read back from storage may be from an older version or damaged. */
export const normalizeLayout = (stored: unknown): Layout => {
  const base = defaultLayout()
  if (typeof stored !== 'object' || stored === null) return base
  const s = stored as { panes?: Record<string, Partial<PaneLayout>>; order?: unknown }
  for (const id of PANE_IDS) {
    const p = s.panes?.[id]
    if (typeof p !== 'object' || p === null) continue
    const d = base.panes[id]
    base.panes[id] = {
      open: typeof p.open === 'boolean' ? p.open : d.open,
      x: finite(p.x, d.x),
      y: finite(p.y, d.y),
      width: Math.max(MIN_WIDTH, finite(p.width, d.width)),
      height: Math.max(MIN_HEIGHT, finite(p.height, d.height)),
    }
  }
  const order = Array.isArray(s.order) ? s.order.filter(isPaneId) : []
  base.order = [...new Set([...PANE_IDS.filter((id) => !order.includes(id)), ...order])]
  return base
}

/** Fit a pane inside the desk so that all of it, or at least its title bar, stays on screen. */
export const clampRect = (r: PaneRect, desk: Viewport): PaneRect => {
  const width = Math.max(
    Math.min(r.width, desk.width - 2 * MARGIN),
    Math.min(MIN_WIDTH, desk.width),
  )
  const height = Math.max(
    Math.min(r.height, desk.height - 2 * MARGIN),
    Math.min(MIN_HEIGHT, desk.height),
  )
  const x = Math.min(Math.max(r.x, MARGIN), Math.max(MARGIN, desk.width - width - MARGIN))
  const y = Math.min(Math.max(r.y, MARGIN), Math.max(MARGIN, desk.height - height - MARGIN))
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  }
}

const update = (layout: Layout, id: PaneId, change: Partial<PaneLayout>): Layout => ({
  ...layout,
  panes: { ...layout.panes, [id]: { ...layout.panes[id], ...change } },
})

export const toFront = (layout: Layout, id: PaneId): Layout =>
  layout.order.at(-1) === id
    ? layout
    : { ...layout, order: [...layout.order.filter((o) => o !== id), id] }

export const setOpen = (layout: Layout, id: PaneId, open: boolean): Layout => {
  const next = update(layout, id, { open })
  return open ? toFront(next, id) : next
}

export const moveTo = (layout: Layout, id: PaneId, x: number, y: number): Layout => {
  const p = layout.panes[id]
  return p.x === x && p.y === y ? layout : update(layout, id, { x, y })
}

export const resizeTo = (layout: Layout, id: PaneId, width: number, height: number): Layout => {
  const p = layout.panes[id]
  return p.width === width && p.height === height ? layout : update(layout, id, { width, height })
}
