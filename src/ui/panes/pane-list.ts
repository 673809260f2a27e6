/** The panes, their hotbar slots and where each first opens (on a 1280x800 screen). */
export const PANES = [
  { id: 'sell-compute', title: 'Sell Compute', slot: 1, rect: rect(24, 24, 480, 660) },
  { id: 'wallet', title: 'Wallet', slot: 2, rect: rect(528, 24, 440, 500) },
  { id: 'job-history', title: 'Job History', slot: 3, rect: rect(528, 24, 720, 520) },
  { id: 'models', title: 'Models', slot: 4, rect: rect(528, 64, 720, 520) },
  { id: 'settings', title: 'Settings', slot: 5, rect: rect(528, 24, 480, 660) },
  { id: 'log', title: 'Log', slot: 6, rect: rect(60, 360, 760, 320) },
  { id: 'market', title: 'Market', slot: 7, rect: rect(528, 24, 720, 660) },
] as const

function rect(x: number, y: number, width: number, height: number) {
  return { x, y, width, height }
}

export type PaneId = (typeof PANES)[number]['id']

/** Panes open on a first visit. */
export const FIRST_OPEN: readonly PaneId[] = ['sell-compute']
