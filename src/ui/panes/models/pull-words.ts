import type { PullEvent } from '../../../shared/worker-api.ts'
import { formatBytes } from '../../format.ts'

/** The steps of `ollama pull` around the download, in the person's words. */
const STEPS: Record<string, string> = {
  starting: 'Starting…',
  'pulling manifest': 'Reading the manifest…',
  'verifying sha256 digest': 'Verifying the download…',
  'writing manifest': 'Writing the manifest…',
  'removing any unused layers': 'Cleaning up…',
  success: 'Done',
}

/** Whole percent done, or undefined while the size is not known yet. */
export const pullPercent = (e: PullEvent): number | undefined =>
  e.total !== undefined && e.total > 0 && e.completed !== undefined
    ? Math.min(100, Math.floor((e.completed / e.total) * 100))
    : undefined

/** Where a pull is, or how it ended. */
export const pullWords = (e: PullEvent): string => {
  if (e.done) {
    if (e.error === undefined) return `${e.name} is installed`
    if (e.error === 'cancelled') return `Pull of ${e.name} cancelled`
    return `Pull of ${e.name} failed: ${e.error}`
  }
  const percent = pullPercent(e)
  if (e.status.startsWith('pulling ') && e.status !== 'pulling manifest' && percent !== undefined) {
    return `Downloading ${formatBytes(e.completed ?? 0)} of ${formatBytes(e.total ?? 0)} (${percent}%)`
  }
  return STEPS[e.status] ?? e.status
}
