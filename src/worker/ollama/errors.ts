/**
 * Ollama's errors, sorted by what the provider does about them. The `ollama` client throws a
 * ResponseError with `status_code` for an HTTP error and a plain Error for one sent inside a
 * stream, so both the status and Ollama's words are read (server/routes.go, llm/status.go).
 */
import { errorText } from '../log.ts'

export type OllamaProblem =
  /** 404: the model is not installed (any more): refresh the list. */
  | { kind: 'not-found'; text: string }
  /** 503: its queue is full: retry with backoff. */
  | { kind: 'busy'; text: string }
  /** The model does not fit in this machine's memory: stop offering it. */
  | { kind: 'out-of-memory'; text: string }
  /** 400 "does not support generate": an embedding model. */
  | { kind: 'cannot-generate'; text: string }
  /** 400: newer runners refuse a prompt longer than the context instead of cutting it. */
  | { kind: 'too-long'; text: string }
  | { kind: 'other'; text: string }

// Ollama's own list (llm/status.go outOfMemorySubstrings), plus the scheduler's words.
const OUT_OF_MEMORY = [
  'requires more system memory',
  'out of memory',
  'out of device memory',
  'cudamalloc failed',
  'hipmalloc failed',
  'failed to allocate',
  'allocation failed',
  'not enough memory',
  'insufficient memory',
  'vk_error_out_of_device_memory',
  'erroroutofmemory',
]

const statusOf = (e: unknown): number | undefined => {
  const code = (e as { status_code?: unknown } | null)?.status_code
  return typeof code === 'number' ? code : undefined
}

export const classifyOllamaError = (e: unknown): OllamaProblem => {
  const text = errorText(e)
  const lower = text.toLowerCase()
  const status = statusOf(e)
  if (OUT_OF_MEMORY.some((s) => lower.includes(s))) return { kind: 'out-of-memory', text }
  if (status === 503 || lower.includes('server busy')) return { kind: 'busy', text }
  if (status === 404 || /model .* not found/.test(lower)) return { kind: 'not-found', text }
  if (lower.includes('does not support generate')) return { kind: 'cannot-generate', text }
  if (lower.includes('longer than the context')) return { kind: 'too-long', text }
  return { kind: 'other', text }
}
