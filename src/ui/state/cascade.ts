import { clampRect, type PaneRect, type Viewport } from './layout.ts'

const STEP = 32
const TRIES = 16
const MARGIN = 8
/** A pane cascading towards the bottom gets shorter to stay on the desk, down to this. */
const SHORTEST = 320
/** A pane's title bar: this much of its top must show for the title to be read and grabbed. */
const TITLE = 28
/** ...over at least this width: the title's first word and a place to drag it by. */
const VISIBLE = 96

type Span = [number, number]

/** How much of `under`'s title bar the panes `over` it leave uncovered, in pixels of width. */
export const visibleTitle = (under: PaneRect, over: readonly PaneRect[]): number => {
  const covering: Span[] = over
    .filter((o) => o.y < under.y + TITLE && o.y + o.height > under.y)
    .map((o): Span => [Math.max(o.x, under.x), Math.min(o.x + o.width, under.x + under.width)])
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0])
  let covered = 0
  let end = under.x
  for (const [a, b] of covering) {
    if (b <= end) continue
    covered += b - Math.max(a, end)
    end = b
  }
  return under.width - covered
}

/** The least visible title among the open panes once `rect` opens on top of them. */
const worstTitle = (rect: PaneRect, open: readonly PaneRect[]): number =>
  Math.min(Infinity, ...open.map((o, i) => visibleTitle(o, [...open.slice(i + 1), rect])))

/** Places to try: down and right in steps, the same from the top left, then ever further out. */
const candidates = (here: PaneRect, desk: Viewport): PaneRect[] => {
  const shortest = Math.min(here.height, SHORTEST)
  // Towards the bottom a pane gets shorter rather than climbing back over the ones above.
  const at = (x: number, y: number) => {
    const room = desk.height - MARGIN - y
    const height = room < here.height && room >= shortest ? room : here.height
    return clampRect({ ...here, x, y, height }, desk)
  }
  const diagonal = (from: { x: number; y: number }) =>
    Array.from({ length: TRIES }, (_, i) => at(from.x + (i + 1) * STEP, from.y + (i + 1) * STEP))
  const grid: PaneRect[] = []
  for (let y = MARGIN; y <= desk.height; y += STEP)
    for (let x = MARGIN; x <= desk.width; x += STEP) grid.push(at(x, y))
  const far = (r: PaneRect) => Math.hypot(r.x - here.x, r.y - here.y)
  grid.sort((a, b) => far(a) - far(b))
  return [...diagonal(here), ...diagonal({ x: MARGIN, y: MARGIN }), ...grid]
}

/**
 * Where a pane that is opening should go, and how tall it may be there, so that no open pane is
 * hidden: every title bar keeps at least VISIBLE pixels in view, within the desk. `open` is back to front. Null when the pane
 * can stay where it is (so a place the person chose is not rewritten), or when no place on the
 * desk would show clearly more of the others.
 */
export const cascadePosition = (
  rect: PaneRect,
  open: readonly PaneRect[],
  desk: Viewport,
): PaneRect | null => {
  const here = clampRect(rect, desk)
  const stay = worstTitle(here, open)
  if (stay >= VISIBLE) return null
  let best: PaneRect | null = null
  let bestShown = stay
  for (const place of candidates(here, desk)) {
    const shown = worstTitle(place, open)
    if (shown >= VISIBLE) return place
    if (shown > bestShown) [best, bestShown] = [place, shown]
  }
  // A few pixels more of a title are not worth moving a pane from where it was put.
  return best === null || bestShown - stay < STEP ? null : best
}
