import type { ReactNode } from 'react'
import type { PaneId } from '../panes/pane-list.ts'

const icon = (paths: ReactNode) => {
  const Icon = () => (
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
      {paths}
    </svg>
  )
  return Icon
}

/** Small line icons, one per pane; decoration only. */
export const PANE_ICONS: Record<PaneId, () => ReactNode> = {
  'sell-compute': icon(<path d="M13 2 4.5 13.5H11L10 22l8.5-11.5H12z" />),
  wallet: icon(
    <>
      <rect x="3" y="6" width="18" height="14" rx="2.5" />
      <path d="M16 13h2M3 9.5h18M6 6l9-3 1.5 3" />
    </>,
  ),
  'job-history': icon(
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3.5 2" />
    </>,
  ),
  models: icon(
    <>
      <path d="m12 3 8.5 4.5v9L12 21l-8.5-4.5v-9z" />
      <path d="m3.5 7.5 8.5 4.5 8.5-4.5M12 12v9" />
    </>,
  ),
  settings: icon(
    <>
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </>,
  ),
  log: icon(
    <>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </>,
  ),
  market: icon(
    <>
      <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
    </>,
  ),
}
