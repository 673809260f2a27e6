import { describe, expect, it } from 'vitest'
import { cascadePosition } from './cascade.ts'

const desk = { width: 1280, height: 712 }
const rect = (x: number, y: number) => ({ x, y, width: 440, height: 500 })

describe('cascadePosition', () => {
  it('leaves a pane where it is when nothing open is there', () => {
    expect(cascadePosition(rect(528, 24), [rect(24, 24)], desk)).toBeNull()
  })

  it('steps a pane down and right off an open pane at the same place', () => {
    expect(cascadePosition(rect(528, 24), [rect(528, 24)], desk)).toEqual({ x: 560, y: 56 })
    expect(cascadePosition(rect(528, 24), [rect(528, 24), rect(560, 56)], desk)).toEqual({
      x: 592,
      y: 88,
    })
  })

  it('starts again from the top left when the steps reach the edge of the desk', () => {
    const small = { width: 700, height: 600 }
    // At the bottom right corner every step is clamped back onto the open pane.
    expect(cascadePosition(rect(252, 92), [rect(252, 92)], small)).toEqual({ x: 40, y: 40 })
  })

  it('gives up, leaving the pane where it is, when the desk has no other place', () => {
    const tiny = { width: 460, height: 520 }
    expect(cascadePosition(rect(12, 12), [rect(12, 12)], tiny)).toBeNull()
  })
})
