/**
 * Escape closes the innermost thing first: a confirmation, then the details view it sits
 * in, then the pane. Each pane keeps a stack of the things open inside it; whatever opens
 * pushes how to close itself, and the pane's Escape pops the newest before closing itself.
 */
import { createContext, useContext, useEffect, useRef } from 'react'

export interface EscapeLayers {
  /** Register a thing that Escape closes; returns how to unregister it. */
  push(close: () => void): () => void
  /** Close the innermost open thing; false when there is none (the pane itself is next). */
  closeInnermost(): boolean
}

export const createEscapeLayers = (): EscapeLayers => {
  const stack: { close: () => void }[] = []
  return {
    push(close) {
      const layer = { close }
      stack.push(layer)
      return () => {
        const at = stack.indexOf(layer)
        if (at >= 0) stack.splice(at, 1)
      }
    },
    closeInnermost() {
      const layer = stack.pop()
      layer?.close()
      return layer !== undefined
    },
  }
}

export const EscapeLayersContext = createContext<EscapeLayers | null>(null)

/**
 * While `close` is a function, Escape in this pane calls it before anything opened earlier
 * (and before the pane closes). Pass null while there is nothing to close (or while busy).
 */
export const useEscapeLayer = (close: (() => void) | null): void => {
  const layers = useContext(EscapeLayersContext)
  const latest = useRef(close)
  useEffect(() => {
    latest.current = close
  })
  const open = close !== null
  useEffect(() => {
    if (!open || layers === null) return
    return layers.push(() => latest.current?.())
  }, [open, layers])
}
