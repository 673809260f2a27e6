import { useSyncExternalStore } from 'react'

/** Chromium's install offer; not in the DOM typings because it is not a standard. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

let offer: BeforeInstallPromptEvent | null = null
const listeners = new Set<() => void>()

const setOffer = (next: BeforeInstallPromptEvent | null) => {
  offer = next
  for (const changed of listeners) changed()
}

// Listen from the moment this module loads: the offer can come before React has rendered.
window.addEventListener('beforeinstallprompt', (e) => {
  // Keep the browser's own mini-infobar away; the hotbar offers it instead.
  e.preventDefault()
  setOffer(e as BeforeInstallPromptEvent)
})
window.addEventListener('appinstalled', () => setOffer(null))

const subscribe = (changed: () => void) => {
  listeners.add(changed)
  return () => listeners.delete(changed)
}

/** Whether the browser offers to install the app right now. */
export const useInstallOffer = (): boolean => useSyncExternalStore(subscribe, () => offer !== null)

/** Show the browser's install dialog. An offer can be used once: a dismissed one may come back. */
export const promptInstall = async (): Promise<void> => {
  const current = offer
  if (current === null) return
  setOffer(null)
  // A refused prompt (say, one already shown) needs nothing from us: the browser offers again.
  await current.prompt().catch(() => undefined)
}
