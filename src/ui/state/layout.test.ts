import { describe, expect, it } from 'vitest'
import { PANES } from '../panes/pane-list.ts'
import { clampRect, defaultLayout, normalizeLayout, setOpen, toFront } from './layout.ts'

describe('layout', () => {
  it('opens Sell Compute, and only it, on a first visit', () => {
    const layout = defaultLayout()
    const open = Object.entries(layout.panes).filter(([, p]) => p.open)
    expect(open.map(([id]) => id)).toEqual(['sell-compute'])
  })

  it('restores what was stored and repairs what is damaged', () => {
    const stored = {
      panes: {
        log: { open: true, x: 10, y: 20, width: 500, height: 'tall' },
        bogus: { open: true },
      },
      order: ['log', 'nope', 'settings'],
    }
    const layout = normalizeLayout(stored)
    expect(layout.panes.log).toEqual({ open: true, x: 10, y: 20, width: 500, height: 320 })
    expect(layout.order.slice(-2)).toEqual(['log', 'settings'])
    expect(new Set(layout.order).size).toBe(PANES.length)
    expect(normalizeLayout('garbage')).toEqual(defaultLayout())
  })

  it('keeps a pane on the desk, shrinking it when the desk is smaller', () => {
    const desk = { width: 800, height: 600 }
    expect(clampRect({ x: 2000, y: -50, width: 400, height: 300 }, desk)).toEqual({
      x: 392,
      y: 8,
      width: 400,
      height: 300,
    })
    expect(clampRect({ x: 0, y: 0, width: 2000, height: 2000 }, desk)).toEqual({
      x: 8,
      y: 8,
      width: 784,
      height: 584,
    })
  })

  it('brings a pane to the front when it opens', () => {
    const layout = setOpen(defaultLayout(), 'wallet', true)
    expect(layout.order.at(-1)).toBe('wallet')
    expect(toFront(layout, 'wallet')).toBe(layout)
  })
})
