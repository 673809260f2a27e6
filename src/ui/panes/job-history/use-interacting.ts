import { useMemo, useState, useSyncExternalStore, type FocusEvent, type RefObject } from 'react'

const COARSE = '(pointer: coarse)'
const subscribeCoarse = (onChange: () => void) => {
  const query = window.matchMedia(COARSE)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/**
 * Whether the person is using the table now: the pointer over it, the focus in it, or the
 * list scrolled away from its top. A touch screen has no pointer to hover, so a finger on its
 * way cannot be seen: there the table counts as in use whenever it is shown.
 */
export const useInteracting = (scroller: RefObject<HTMLElement | null>) => {
  const [hover, setHover] = useState(false)
  const [focus, setFocus] = useState(false)
  const [scrolled, setScrolled] = useState(false)
  const coarse = useSyncExternalStore(subscribeCoarse, () => matchMedia(COARSE).matches)
  const handlers = useMemo(
    () => ({
      onPointerEnter: () => setHover(true),
      onPointerLeave: () => setHover(false),
      onFocus: () => setFocus(true),
      onBlur: (e: FocusEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocus(false)
      },
      onScrollCapture: () => setScrolled((scroller.current?.scrollTop ?? 0) > 0),
    }),
    [scroller],
  )
  return { now: hover || focus || scrolled || coarse, handlers }
}
