import { useState } from 'react'
import { errorText } from '../../../shared/result.ts'
import type { JobFilter } from '../../../shared/worker-api.ts'
import { formatCount } from '../../format.ts'
import { getEngine } from '../../worker-client.ts'
import { download, exportFileName, exportJobs, type ExportFormat } from './job-export.ts'

type Progress = { format: ExportFormat; done: number; total: number | null }

/** Export the jobs the filters show, as CSV or JSON. */
export const ExportButtons = ({ filter }: { filter: JobFilter }) => {
  const [progress, setProgress] = useState<Progress | null>(null)
  const [status, setStatus] = useState('')

  const run = async (format: ExportFormat) => {
    setProgress({ format, done: 0, total: null })
    setStatus('')
    try {
      const blob = await exportJobs({
        format,
        filter,
        fetchPage: (q) => getEngine().queryJobs(q),
        onProgress: (done, total) => setProgress({ format, done, total }),
      })
      download(blob, exportFileName(format))
      setStatus(`Exported ${format.toUpperCase()}.`)
    } catch (e) {
      setStatus(`The export failed: ${errorText(e)}`)
    } finally {
      setProgress(null)
    }
  }

  const busy = progress !== null
  return (
    <div className="history-export">
      {(['csv', 'json'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="small"
          disabled={busy}
          aria-busy={progress?.format === format}
          onClick={() => void run(format)}
        >
          Export {format.toUpperCase()}
        </button>
      ))}
      <span className="muted export-status" role="status">
        {progress
          ? `Exporting ${formatCount(progress.done)}${progress.total === null ? '' : ` of ${formatCount(progress.total)}`}…`
          : status}
      </span>
    </div>
  )
}
