import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../../../shared/result.ts'
import type { JobFilter, JobSeries } from '../../../shared/worker-api.ts'
import { getEngine } from '../../worker-client.ts'
import { chartRange, type ChartRange } from './chart-range.ts'
import { useJobChanges } from './use-job-changes.ts'

/** The chart's bars and the figures above the table, from one read: they cannot disagree. */
export interface HistoryFigures {
  unit: ChartRange['unit']
  series: JobSeries
}

export interface FiguresRead {
  figures: HistoryFigures | null
  error: string | null
}

/**
 * The filtered history in figures and per bucket, read again as jobs change. Only read when
 * something shows it (the chart is open or a filter is set); otherwise `figures` is null.
 */
export const useHistoryFigures = (
  filter: JobFilter,
  firstAt: number | undefined,
  wanted: boolean,
): FiguresRead => {
  // Tagged with the filter it was read for: another filter's figures are never shown.
  const [read, setRead] = useState<FiguresRead & { for: JobFilter | null }>({
    figures: null,
    error: null,
    for: null,
  })
  const asked = useRef(0)
  const load = useCallback(() => {
    const at = ++asked.current
    if (!wanted || firstAt === undefined) return
    const range = chartRange(firstAt, Date.now())
    getEngine()
      .jobSeries({ ...filter, from: range.from, to: range.to, bucketMs: range.bucketMs })
      .then(
        (series) => {
          // An answer to an older filter never overwrites a newer one.
          if (at === asked.current)
            setRead({ figures: { unit: range.unit, series }, error: null, for: filter })
        },
        (e: unknown) => {
          if (at === asked.current)
            setRead((r) => ({
              ...r,
              error: `The figures could not be read: ${errorText(e)}`,
              for: filter,
            }))
        },
      )
  }, [filter, firstAt, wanted])
  useEffect(load, [load])
  // As often as the summary it replaces: the figures and the bars move together.
  useJobChanges(load, 1000)
  if (!wanted || read.for !== filter) return { figures: null, error: null }
  return { figures: read.figures, error: read.error }
}
