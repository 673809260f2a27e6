import { useEffect } from 'react'
import { PANES, type PaneId } from '../panes/pane-list.ts'

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** The hotbar's modifier: Cmd on macOS, Ctrl elsewhere (Ctrl also works on macOS). */
export const modifierName = (): string => (isMac() ? 'Cmd' : 'Ctrl')

const slotOf = (e: KeyboardEvent): number | null => {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key)
  return match?.[1] === undefined ? null : Number(match[1])
}

/** Ctrl+digit (Cmd+digit on macOS) toggles the pane in that hotbar slot. */
export const useHotkeys = (toggle: (id: PaneId) => void) => {
  useEffect(() => {
    const mac = isMac()
    const onKeyDown = (e: KeyboardEvent) => {
      const modifier = e.ctrlKey || (mac && e.metaKey)
      if (!modifier || e.altKey || e.shiftKey || e.repeat) return
      const slot = slotOf(e)
      const pane = PANES.find((p) => p.slot === slot)
      if (pane === undefined) return
      e.preventDefault()
      toggle(pane.id)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [toggle])
}
