/**
 * Jobs received (bars) and sats earned (line) over the whole history, with uPlot: a few
 * hundred points drawn on a canvas. Loaded on its own, only when the chart is shown.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { errorText } from '../../../shared/result.ts'
import type { JobSeries } from '../../../shared/worker-api.ts'
import { formatCount } from '../../format.ts'
import { getEngine } from '../../worker-client.ts'
import { bucketLabel, chartRange, type ChartRange } from './chart-range.ts'
import { useJobChanges } from './use-job-changes.ts'

const HEIGHT = 120
const LIGHT = '(prefers-color-scheme: light)'

interface Loaded {
  unit: ChartRange['unit']
  series: JobSeries
}

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
      jobs: { range: (_u, _min, max) => [0, Math.max(1, max)] },
    },
    series: [
      {},
      {
        label: 'Jobs',
        scale: 'jobs',
        stroke: color('--accent'),
        fill: color('--accent'),
        paths: uPlot.paths.bars?.({ size: [0.7, 28] }),
      },
      {
        label: 'Sats earned',
        scale: 'sats',
        stroke: color('--good'),
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
      { ...axis, scale: 'jobs', size: 40, space: 24 },
      { ...axis, scale: 'sats', side: 1, size: 48, space: 24, grid: { show: false } },
    ],
    hooks: { setCursor: [(u) => onHover(u.cursor.idx ?? null)] },
  }
}

export const JobsChart = ({ firstAt }: { firstAt: number }) => {
  const box = useRef<HTMLDivElement>(null)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [hover, setHover] = useState<number | null>(null)
  const light = useLightScheme()

  const load = useCallback(() => {
    const range = chartRange(firstAt, Date.now())
    getEngine()
      .jobSeries({ from: range.from, to: range.to, bucketMs: range.bucketMs })
      .then(
        (series) => {
          setLoaded({ unit: range.unit, series })
          setError(null)
        },
        (e: unknown) => setError(`The chart could not be read: ${errorText(e)}`),
      )
  }, [firstAt])
  useEffect(load, [load])
  // Redrawing reads every settled payment's key: often enough to watch, not on every job.
  useJobChanges(load, 10_000)

  useEffect(() => {
    const el = box.current
    if (!el || !loaded) return
    const { from, bucketMs, jobs, sats } = loaded.series
    const times = jobs.map((_, i) => (from + i * bucketMs) / 1000)
    const options = plotOptions(el, loaded.unit, bucketMs, setHover)
    const plot = new uPlot(options, [times, jobs, sats], el)
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(120, el.clientWidth), height: HEIGHT }),
    )
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [loaded, light])

  const caption = (() => {
    if (!loaded) return error ?? 'Loading the chart…'
    const { from, bucketMs, jobs, sats } = loaded.series
    if (hover !== null && jobs[hover] !== undefined) {
      const when = bucketLabel(from + hover * bucketMs, loaded.unit)
      return `${when}: ${formatCount(jobs[hover] ?? 0)} jobs, ${formatCount(Math.floor(sats[hover] ?? 0))} sats earned`
    }
    const total = (list: number[]) => list.reduce((a, n) => a + n, 0)
    return `${formatCount(total(jobs))} jobs and ${formatCount(Math.floor(total(sats)))} sats earned, per ${loaded.unit}`
  })()

  return (
    <figure className="jobs-chart" aria-label="Jobs and sats earned over time">
      <figcaption className={error ? 'error' : 'muted'}>
        <span className="legend-jobs" aria-hidden="true" /> Jobs{' '}
        <span className="legend-sats" aria-hidden="true" /> Sats earned — {caption}
      </figcaption>
      <div ref={box} className="jobs-chart-plot" />
    </figure>
  )
}
