/**
 * Sats earned per hour (bars) and jobs received (line) for the jobs the table's filters
 * match, with uPlot: a few hundred points drawn on a canvas. Loaded on its own, only when the
 * chart is shown; its data is the same read as the figures above the table.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { chartCaption, type ChartRange } from './chart-range.ts'
import type { HistoryFigures } from './use-history-figures.ts'

const HEIGHT = 120
const LIGHT = '(prefers-color-scheme: light)'

const subscribeScheme = (onChange: () => void) => {
  const query = window.matchMedia(LIGHT)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** The theme's colours are CSS variables: the chart is redrawn when the theme flips. */
const useLightScheme = () => useSyncExternalStore(subscribeScheme, () => matchMedia(LIGHT).matches)

/** One line per tick: "14:00" (or the date at midnight) for hours, "8/19" for days and weeks. */
const tickLabel = (unit: ChartRange['unit']) => (seconds: number) => {
  const d = new Date(seconds * 1000)
  const date = `${d.getMonth() + 1}/${d.getDate()}`
  if (unit !== 'hour' || (d.getHours() === 0 && d.getMinutes() === 0)) return date
  return `${String(d.getHours()).padStart(2, '0')}:00`
}

const plotOptions = (
  el: HTMLElement,
  unit: ChartRange['unit'],
  bucketMs: number,
  onHover: (i: number | null) => void,
): uPlot.Options => {
  // The bars' own span plus half a bar: uPlot widens a lone time point by 86400 / ms seconds,
  // which is years with second timestamps.
  const half = bucketMs / 2000
  const xRange = (u: uPlot): uPlot.Range.MinMax => {
    const xs = u.data[0]
    return [(xs[0] ?? 0) - half, (xs[xs.length - 1] ?? 0) + half]
  }
  const css = getComputedStyle(el)
  const color = (name: string) => css.getPropertyValue(name).trim()
  const axis = {
    stroke: color('--muted'),
    grid: { stroke: color('--grid'), width: 1 },
    ticks: { show: false },
    font: '11px system-ui, sans-serif',
  }
  const label = tickLabel(unit)
  return {
    width: Math.max(120, el.clientWidth),
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: xRange },
      // Headroom above the tallest bar, so its axis label is drawn.
      sats: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      jobs: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
    },
    series: [
      {},
      {
        label: 'Sats earned',
        scale: 'sats',
        stroke: color('--good'),
        fill: color('--good'),
        paths: uPlot.paths.bars?.({ size: [0.7, 28] }),
      },
      {
        label: 'Jobs',
        scale: 'jobs',
        stroke: color('--accent'),
        width: 2,
        points: { show: false },
      },
    ],
    axes: [
      {
        ...axis,
        size: 22,
        space: 50,
        // Ticks fall on whole bars, so an "hour" label is always a real hour.
        incrs: [1, 2, 3, 6, 12, 24, 48, 168, 336].map((k) => k * half * 2),
        values: (_u, splits) => splits.map(label),
      },
      { ...axis, scale: 'sats', size: 48, space: 24 },
      { ...axis, scale: 'jobs', side: 1, size: 40, space: 24, grid: { show: false } },
    ],
    hooks: { setCursor: [(u) => onHover(u.cursor.idx ?? null)] },
  }
}

const plotData = ({ series }: HistoryFigures): uPlot.AlignedData => {
  const { from, bucketMs, jobs, sats } = series
  return [jobs.map((_, i) => (from + i * bucketMs) / 1000), sats, jobs]
}

export const JobsChart = ({
  figures,
  error,
  empty,
}: {
  figures: HistoryFigures | null
  error: string | null
  /** No job yet: the chart keeps its place, saying so. */
  empty: boolean
}) => {
  const box = useRef<HTMLDivElement>(null)
  const [hover, setHover] = useState<number | null>(null)
  const light = useLightScheme()

  const plot = useRef<uPlot | null>(null)
  const latest = useRef(figures)
  useEffect(() => {
    latest.current = figures
  })
  // A new plot only when its shape changes (the unit, the theme); new figures are new data.
  const shape = figures === null ? null : `${figures.unit} ${figures.series.bucketMs}`
  useEffect(() => {
    const el = box.current
    const first = latest.current
    if (!el || !first || shape === null) return
    const options = plotOptions(el, first.unit, first.series.bucketMs, setHover)
    const made = new uPlot(options, plotData(first), el)
    plot.current = made
    const resize = new ResizeObserver(() =>
      made.setSize({ width: Math.max(120, el.clientWidth), height: HEIGHT }),
    )
    resize.observe(el)
    return () => {
      resize.disconnect()
      made.destroy()
      plot.current = null
    }
  }, [shape, light])
  useEffect(() => {
    if (figures) plot.current?.setData(plotData(figures))
  }, [figures])

  const caption = figures
    ? chartCaption(figures.series, figures.unit, hover)
    : (error ?? (empty ? 'bars appear as jobs arrive.' : 'Loading the chart…'))

  return (
    <figure className="jobs-chart" aria-label="Jobs and sats earned over time">
      <figcaption className={error ? 'error' : 'muted'}>
        <span className="legend-sats" aria-hidden="true" /> Sats earned{' '}
        <span className="legend-jobs" aria-hidden="true" /> Jobs — {caption}
      </figcaption>
      <div ref={box} className="jobs-chart-plot" />
    </figure>
  )
}
