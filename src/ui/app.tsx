import { useRef } from 'react'
import { EngineBanners } from './components/engine-banners.tsx'
import { OfflineBanner } from './components/offline-banner.tsx'
import { SetupLinkReview } from './components/setup-link-review.tsx'
import { UpdatePrompt } from './components/update-prompt.tsx'
import { useBannerSpace } from './components/use-banner-space.ts'
import { Desk } from './desk.tsx'
import { Hotbar } from './hotbar/hotbar.tsx'

export const App = () => {
  const banners = useRef<HTMLDivElement>(null)
  useBannerSpace(banners)
  return (
    <>
      <div className="banners" ref={banners}>
        <OfflineBanner />
        <EngineBanners />
        <SetupLinkReview />
        <UpdatePrompt />
      </div>
      <Desk />
      <Hotbar />
    </>
  )
}
