/**
 * Job History as a file: CSV for a spreadsheet, JSON with every field. The filtered set is
 * read page by page, so 100,000 jobs never sit in one answer from the engine.
 */
import { STATUS_WORDS, type JobRecord } from '../../../shared/job-state.ts'
import type { JobFilter, JobPage, JobPageQuery } from '../../../shared/worker-api.ts'
import { customerNpub } from '../../../shared/customer-key.ts'

export type ExportFormat = 'csv' | 'json'

export const EXPORT_PAGE = 5000

export const CSV_COLUMNS = [
  'Time',
  'Job',
  'Customer',
  'Model',
  'Status',
  'Price (sats)',
  'Paid (sats)',
  'Prompt tokens',
  'Completion tokens',
  'Generation (ms)',
  'Error',
  'Prompt',
  'Result',
] as const

/**
 * One CSV field. Text from customers and models could start a spreadsheet formula
 * (=, +, -, @): such text gets a leading apostrophe so it stays text.
 */
export const csvField = (value: string | number | undefined, untrusted = false): string => {
  if (value === undefined) return ''
  let text = String(value)
  if (untrusted && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const sats = (msats: number | undefined) => (msats === undefined ? undefined : msats / 1000)

export const csvRow = (job: JobRecord, npub: (hex: string) => string = customerNpub): string =>
  [
    csvField(new Date(job.receivedAt).toISOString()),
    csvField(job.id, true),
    csvField(npub(job.customer), true),
    csvField(job.model, true),
    csvField(STATUS_WORDS[job.state]),
    csvField(sats(job.priceMsats)),
    csvField(sats(job.paidMsats)),
    csvField(job.usage?.promptTokens),
    csvField(job.usage?.completionTokens),
    csvField(
      job.startedAt !== undefined && job.finishedAt !== undefined
        ? job.finishedAt - job.startedAt
        : undefined,
    ),
    csvField(job.error, true),
    csvField(job.prompt, true),
    csvField(job.result, true),
  ].join(',')

export interface ExportOptions {
  format: ExportFormat
  filter: JobFilter
  fetchPage: (q: JobPageQuery) => Promise<JobPage>
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** Every job matching the filter, oldest first (so jobs arriving meanwhile only append). */
export const exportJobs = async (o: ExportOptions): Promise<Blob> => {
  const npubs = new Map<string, string>()
  const npub = (hex: string) => {
    let known = npubs.get(hex)
    if (known === undefined) npubs.set(hex, (known = customerNpub(hex)))
    return known
  }
  const parts: string[] = [o.format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '[']
  let done = 0
  for (;;) {
    o.signal?.throwIfAborted()
    const page = await o.fetchPage({
      ...o.filter,
      order: 'oldest',
      offset: done,
      limit: EXPORT_PAGE,
    })
    const lines =
      o.format === 'csv'
        ? page.jobs.map((job) => `${csvRow(job, npub)}\r\n`)
        : page.jobs.map((job, i) => `${done + i === 0 ? '' : ','}\n${JSON.stringify(job)}`)
    parts.push(lines.join(''))
    done += page.jobs.length
    o.onProgress?.(done, page.total)
    if (page.jobs.length < EXPORT_PAGE) break
  }
  if (o.format === 'json') parts.push('\n]\n')
  return new Blob(parts, { type: o.format === 'csv' ? 'text/csv' : 'application/json' })
}

export const exportFileName = (format: ExportFormat, now = new Date()): string =>
  `sell-compute-jobs-${now.toISOString().slice(0, 10)}.${format}`

/** Hand a file to the browser's downloads. */
export const download = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The download has started by then; the URL would otherwise hold the file in memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
