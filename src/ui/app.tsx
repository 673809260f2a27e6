import { EngineBanners } from './components/engine-banners.tsx'
import { UpdatePrompt } from './components/update-prompt.tsx'
import { Desk } from './desk.tsx'
import { Hotbar } from './hotbar/hotbar.tsx'

export const App = () => (
  <>
    <div className="banners">
      <EngineBanners />
      <UpdatePrompt />
    </div>
    <Desk />
    <Hotbar />
  </>
)
