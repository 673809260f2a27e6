import type { ComponentType } from 'react'
import { JobHistoryPane } from './job-history/job-history-pane.tsx'
import { LogPane } from './log/log-pane.tsx'
import { MarketPane } from './market/market-pane.tsx'
import { ModelsPane } from './models/models-pane.tsx'
import type { PaneId } from './pane-list.ts'
import { SellComputePane } from './sell-compute/sell-compute-pane.tsx'
import { SettingsPane } from './settings/settings-pane.tsx'
import { WalletPane } from './wallet/wallet-pane.tsx'

/** What each pane shows. */
export const PANE_CONTENT: Record<PaneId, ComponentType> = {
  'sell-compute': SellComputePane,
  wallet: WalletPane,
  'job-history': JobHistoryPane,
  models: ModelsPane,
  settings: SettingsPane,
  log: LogPane,
  market: MarketPane,
}
