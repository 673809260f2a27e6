import { useEffect, type RefObject } from 'react'

/**
 * Publish the banners' height as --banner-space, so a narrow desk can leave room below its
 * last sheet instead of hiding it behind an offline or update banner.
 */
export const useBannerSpace = (ref: RefObject<HTMLElement | null>) => {
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    const root = document.documentElement.style
    const measure = () => root.setProperty('--banner-space', `${el.offsetHeight}px`)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => {
      observer.disconnect()
      root.removeProperty('--banner-space')
    }
  }, [ref])
}
