import { useEffect, useState } from 'react'
import type { MarketReport } from '../../../shared/market/report.ts'
import { getEngine } from '../../worker-client.ts'
import { errorText } from '../../../shared/result.ts'

const REFRESH_MS = 5000

/** The market report, asked for again every few seconds while the pane is open. */
export const useMarketReport = () => {
  const [report, setReport] = useState<MarketReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let alive = true
    const load = () =>
      getEngine()
        .marketReport()
        .then(
          (r) => {
            if (!alive) return
            setReport(r)
            setError(null)
          },
          (e: unknown) => alive && setError(errorText(e)),
        )
    void load()
    const timer = window.setInterval(() => void load(), REFRESH_MS)
    return () => {
      alive = false
      window.clearInterval(timer)
    }
  }, [])
  return { report, error }
}
