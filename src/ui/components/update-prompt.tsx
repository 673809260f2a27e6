import { useEffect } from 'react'
import { useRegisterSW } from 'virtual:pwa-register/react'

const OFFLINE_READY_MS = 5000

/** Offers a newer version when the service worker has one waiting; never reloads by itself. */
export const UpdatePrompt = () => {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW()

  useEffect(() => {
    if (!offlineReady) return
    const timer = window.setTimeout(() => setOfflineReady(false), OFFLINE_READY_MS)
    return () => window.clearTimeout(timer)
  }, [offlineReady, setOfflineReady])

  if (needRefresh) {
    return (
      <div className="banner" role="status">
        <span>A new version is ready</span>
        <button
          type="button"
          className="primary small"
          onClick={() => void updateServiceWorker(true)}
        >
          Reload to update
        </button>
        <button type="button" className="small" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      </div>
    )
  }
  if (offlineReady) {
    return (
      <div className="banner" role="status">
        {/* Not "offline": it is about the app's files, and must not read as the provider's state. */}
        <span>App saved on this device: it opens even without a network connection</span>
      </div>
    )
  }
  return null
}
