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

/**
 * Ollama's reasons for a failed pull, as its server words them (server/images.go, routes.go),
 * in words that say what to do. Ollama's own words follow, for a search or a bug report.
 */
const FAILURES: [RegExp, string][] = [
  [
    /file does not exist|manifest unknown|\b404\b/i,
    'no such model in the Ollama library. Check the name and its tag at ollama.com/library',
  ],
  [
    /newer version of ollama|\b412\b/i,
    'this model needs a newer Ollama: update it, then pull again',
  ],
  [
    /no space left/i,
    'the disk Ollama keeps models on is full: delete a model you do not sell, then pull again',
  ],
  [
    /no such host|dial tcp|i\/o timeout|connection refused|tls handshake|network is unreachable/i,
    'Ollama could not reach the model library: check the internet connection of the machine it runs on',
  ],
  [
    /invalid model name|invalid reference format/i,
    'Ollama does not take that name: check its spelling',
  ],
]

/** Why a pull failed, in words, with Ollama's own after them when they say something else. */
export const pullFailure = (error: string): string => {
  const known = FAILURES.find(([pattern]) => pattern.test(error))
  return known === undefined ? error : `${known[1]} (Ollama said: ${error})`
}

/**
 * A failed pull command's reason in words. For a pull that started, the engine answers
 * `Pull of <name> failed: <Ollama's reason>`, which may reach the pane before the pull's own
 * event: both then read the same, and the pane says it once.
 */
export const pullResultWords = (name: string, error: string): string => {
  const prefix = `Pull of ${name} failed: `
  return error.startsWith(prefix) ? prefix + pullFailure(error.slice(prefix.length)) : error
}

/** Where a pull is, or how it ended. */
export const pullWords = (e: PullEvent): string => {
  if (e.done) {
    if (e.error === undefined) return `${e.name} is installed`
    if (e.error === 'cancelled') return `Pull of ${e.name} cancelled`
    return `Pull of ${e.name} failed: ${pullFailure(e.error)}`
  }
  const percent = pullPercent(e)
  if (e.status.startsWith('pulling ') && e.status !== 'pulling manifest' && percent !== undefined) {
    return `Downloading ${formatBytes(e.completed ?? 0)} of ${formatBytes(e.total ?? 0)} (${percent}%)`
  }
  return STEPS[e.status] ?? e.status
}
