import { describe, expect, it } from 'vitest'
import { PANES } from '../panes/pane-list.ts'
import { cascadePosition, visibleTitle } from './cascade.ts'
import { clampRect, type PaneRect } from './layout.ts'

const desk = { width: 1280, height: 712 }
const rect = (x: number, y: number, width = 440, height = 500) => ({ x, y, width, height })

describe('visibleTitle', () => {
  it('measures the width of a title bar that panes above leave uncovered', () => {
    expect(visibleTitle(rect(100, 100), [])).toBe(440)
    expect(visibleTitle(rect(100, 100), [rect(100, 100)])).toBe(0)
    // Covered from the left up to 340: 200 px of it show on the right.
    expect(visibleTitle(rect(100, 100), [rect(-100, 50)])).toBe(200)
    // Two panes overlapping each other count once; the gap between them shows.
    expect(
      visibleTitle(rect(100, 100), [rect(0, 90, 200), rect(150, 90, 100), rect(400, 90)]),
    ).toBe(150)
    // A pane that starts below the title bar hides none of it.
    expect(visibleTitle(rect(100, 100), [rect(100, 132)])).toBe(440)
  })
})

describe('cascadePosition', () => {
  it('leaves a pane where it is when it hides no open pane', () => {
    expect(cascadePosition(rect(528, 24), [rect(24, 24)], desk)).toBeNull()
  })

  it('steps a pane down and right off an open pane at the same place', () => {
    expect(cascadePosition(rect(528, 24), [rect(528, 24)], desk)).toMatchObject({ x: 560, y: 56 })
    expect(cascadePosition(rect(528, 24), [rect(528, 24), rect(560, 56)], desk)).toMatchObject({
      x: 592,
      y: 88,
    })
  })

  it('moves a bigger pane that would cover all of a smaller one', () => {
    const small = rect(560, 40, 300, 300)
    const place = cascadePosition(rect(528, 24, 720, 660), [small], desk)
    expect(place).not.toBeNull()
    expect(visibleTitle(small, [place ?? rect(528, 24, 720, 660)])).toBeGreaterThanOrEqual(96)
  })

  it('makes a pane shorter near the bottom rather than lay it over the pane above', () => {
    const small = { width: 700, height: 600 }
    expect(cascadePosition(rect(252, 92), [rect(252, 92)], small)).toEqual({
      x: 252,
      y: 124,
      width: 440,
      height: 468,
    })
  })

  it('starts again from the top left when the steps reach the edge of the desk', () => {
    const low = { width: 700, height: 400 }
    // At the bottom right corner every step is clamped back onto the open pane.
    expect(cascadePosition(rect(252, 92, 440, 300), [rect(252, 92, 440, 300)], low)).toEqual({
      x: 40,
      y: 40,
      width: 440,
      height: 300,
    })
  })

  it('gives up, leaving the pane where it is, when the desk has no other place', () => {
    const tiny = { width: 460, height: 320 }
    const pane = rect(12, 12, 440, 300)
    expect(cascadePosition(pane, [pane], tiny)).toBeNull()
  })

  it.each([
    { width: 1400, height: 812 },
    { width: 1280, height: 712 },
    { width: 1024, height: 680 },
  ])('opening every pane in turn on a $width x $height desk hides none of them', (size) => {
    const open: PaneRect[] = []
    for (const pane of PANES) {
      const here = clampRect(pane.rect, size)
      const place = cascadePosition(here, open, size)
      open.push(place ?? here)
      expect((place ?? here).y + (place ?? here).height).toBeLessThanOrEqual(size.height)
      open.forEach((under, i) => {
        expect(
          visibleTitle(under, open.slice(i + 1)),
          `${pane.id} over pane ${i}`,
        ).toBeGreaterThanOrEqual(96)
      })
    }
  })
})
