import { promptInstall, useInstallOffer } from './install-prompt.ts'

/** "Install app", at the end of the hotbar, only while the browser offers installation. */
export const InstallButton = () => {
  const offered = useInstallOffer()
  if (!offered) return null
  return (
    <button
      type="button"
      className="hotbar-install"
      title="Install Sell Compute as an app on this device"
      onClick={() => void promptInstall()}
    >
      <svg
        className="slot-icon"
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" />
      </svg>
      <span className="slot-label">Install app</span>
    </button>
  )
}
