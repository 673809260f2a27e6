import { clampRect, type PaneRect, type Viewport } from './layout.ts'

const STEP = 32
const TRIES = 16
/** Title bars closer than this look like one pane hiding another. */
const NEAR = 16
const MARGIN = 8

const near = (a: PaneRect, b: PaneRect): boolean =>
  Math.abs(a.x - b.x) < NEAR && Math.abs(a.y - b.y) < NEAR

/**
 * Where a pane that is opening should go so that it does not land exactly on top of an open
 * pane and hide it: down and to the right in steps, then from the desk's top left corner.
 * Null when the pane can stay where it is (so a place the person chose is not rewritten).
 */
export const cascadePosition = (
  rect: PaneRect,
  others: readonly PaneRect[],
  desk: Viewport,
): { x: number; y: number } | null => {
  const here = clampRect(rect, desk)
  if (!others.some((o) => near(o, here))) return null
  const starts = [here, { ...here, x: MARGIN, y: MARGIN }]
  for (const start of starts) {
    for (let k = 1; k <= TRIES; k++) {
      const next = clampRect({ ...start, x: start.x + k * STEP, y: start.y + k * STEP }, desk)
      if (!others.some((o) => near(o, next))) return { x: next.x, y: next.y }
    }
  }
  return null
}
