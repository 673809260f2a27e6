import { SAMPLE_REQUEST } from '../../../../fixtures/sample-request.ts'
import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../shared/job-state.ts'
import type { JobPageQuery } from '../../../shared/worker-api.ts'
import { CSV_COLUMNS, csvField, csvRow, EXPORT_PAGE, exportJobs } from './job-export.ts'

const job = (n: number, patch: Partial<JobRecord> = {}): JobRecord => ({
  id: `job-${n}`,
  customer: 'ab'.repeat(32),
  requestedAt: n,
  receivedAt: Date.UTC(2026, 0, 1) + n,
  state: 'completed',
  timeline: [],
  request: SAMPLE_REQUEST,
  prompt: `prompt ${n}`,
  model: 'llama3.2:1b',
  priceMsats: 2500,
  paidMsats: 2500,
  usage: { promptTokens: 3, completionTokens: 7 },
  startedAt: 10,
  finishedAt: 1510,
  replyRelays: [],
  params: {},
  ...patch,
})

/** Parse CSV the way a spreadsheet does (quotes, doubled quotes, CRLF inside quotes). */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted) {
      if (c === '"') quoted = false
      else field += c
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field])
      row = []
      field = ''
      i++
    } else {
      field += c
    }
  }
  return rows
}

describe('CSV fields', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(undefined)).toBe('')
    expect(csvField(-3)).toBe('-3')
  })

  it('keeps untrusted text from becoming a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")', true)).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvField('+1', true)).toBe("'+1")
    expect(csvField('@SUM(A1)', true)).toBe("'@SUM(A1)")
    expect(csvField('fine', true)).toBe('fine')
  })

  it('writes a job as one row under the header', () => {
    const fields = parseCsv(`${csvRow(job(1, { result: 'line one\r\nline, two' }))}\r\n`)[0]!
    expect(fields).toHaveLength(CSV_COLUMNS.length)
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, fields[i]]))
    expect(byColumn).toMatchObject({
      Time: '2026-01-01T00:00:00.001Z',
      Job: 'job-1',
      Status: 'completed',
      'Price (sats)': '2.5',
      'Paid (sats)': '2.5',
      'Prompt tokens': '3',
      'Completion tokens': '7',
      'Generation (ms)': '1500',
      Result: 'line one\r\nline, two',
    })
    expect(byColumn.Customer).toMatch(/^npub1/)
  })
})

describe('exporting the filtered history', () => {
  const size = EXPORT_PAGE * 2 + 5
  const all = Array.from({ length: size }, (_, i) => job(i))
  const asked: JobPageQuery[] = []
  const fetchPage = async (q: JobPageQuery) => {
    asked.push(q)
    return { total: size, jobs: all.slice(q.offset, q.offset + q.limit) }
  }

  it('streams every page into CSV, oldest first', async () => {
    asked.length = 0
    const progress: number[] = []
    const blob = await exportJobs({
      format: 'csv',
      filter: { state: 'completed' },
      fetchPage,
      onProgress: (done) => progress.push(done),
    })
    const rows = parseCsv(await blob.text())
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    expect(rows).toHaveLength(size + 1)
    expect(rows.at(-1)?.[1]).toBe(`job-${size - 1}`)
    expect(asked.every((q) => q.order === 'oldest' && q.state === 'completed')).toBe(true)
    expect(progress).toEqual([EXPORT_PAGE, EXPORT_PAGE * 2, size])
  })

  it('writes JSON that reads back as the same jobs', async () => {
    const blob = await exportJobs({ format: 'json', filter: {}, fetchPage })
    const parsed = JSON.parse(await blob.text()) as JobRecord[]
    expect(parsed).toHaveLength(size)
    expect(parsed[7]).toEqual(all[7])
  })

  it('writes an empty JSON list when nothing matches', async () => {
    const blob = await exportJobs({
      format: 'json',
      filter: {},
      fetchPage: async () => ({ total: 0, jobs: [] }),
    })
    expect(JSON.parse(await blob.text())).toEqual([])
  })
})
