import { describe, expect, it } from 'vitest'
import { createEscapeLayers } from './escape-layers.ts'

describe('Escape closes the innermost thing first', () => {
  it('closes the newest open thing, then the one before it, then says the pane is next', () => {
    const layers = createEscapeLayers()
    const closed: string[] = []
    layers.push(() => closed.push('details'))
    layers.push(() => closed.push('confirmation'))
    expect(layers.closeInnermost()).toBe(true)
    expect(layers.closeInnermost()).toBe(true)
    expect(layers.closeInnermost()).toBe(false)
    expect(closed).toEqual(['confirmation', 'details'])
  })

  it('forgets a thing that closed by itself, wherever it was in the stack', () => {
    const layers = createEscapeLayers()
    const closed: string[] = []
    layers.push(() => closed.push('details'))
    const unregister = layers.push(() => closed.push('confirmation'))
    unregister()
    unregister()
    expect(layers.closeInnermost()).toBe(true)
    expect(closed).toEqual(['details'])
    expect(layers.closeInnermost()).toBe(false)
  })
})
