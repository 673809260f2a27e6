import { useSetAtom } from 'jotai'
import { useEffect, type RefObject } from 'react'
import { deskSizeAtom } from '../state/layout-atoms.ts'

/** Keep deskSizeAtom equal to the desk's size, so panes stay on screen when it shrinks. */
export const useDeskSize = (ref: RefObject<HTMLElement | null>) => {
  const setDeskSize = useSetAtom(deskSizeAtom)
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    const measure = () => {
      setDeskSize((old) =>
        old.width === el.clientWidth && old.height === el.clientHeight
          ? old
          : { width: el.clientWidth, height: el.clientHeight },
      )
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, setDeskSize])
}
