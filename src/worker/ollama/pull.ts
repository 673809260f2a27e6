import type { ProgressResponse } from 'ollama/browser'
import { ollamaClient } from './client.ts'

export interface PullProgress {
  status: string
  completed?: number
  total?: number
}

/**
 * Ollama reports each layer of a model on its own line, and a bar wants one number: keep the
 * latest count per layer and sum them. Layers announce themselves as they start, so the total
 * can grow; it never shrinks.
 */
export const createPullTally = () => {
  const layers = new Map<string, { total: number; completed: number }>()
  return (part: Partial<ProgressResponse>): PullProgress => {
    if (part.digest && typeof part.total === 'number' && part.total > 0) {
      layers.set(part.digest, { total: part.total, completed: part.completed ?? 0 })
    }
    const status = part.status ?? ''
    if (layers.size === 0) return { status }
    let completed = 0
    let total = 0
    for (const layer of layers.values()) {
      completed += Math.min(layer.completed, layer.total)
      total += layer.total
    }
    return { status, completed, total }
  }
}

/** A pull of several GB can take an hour; what must not happen is silence. */
const PULL_MAX_MS = 6 * 60 * 60 * 1000
export const PULL_IDLE_MS = 60_000

export interface PullInput {
  url: string
  name: string
  signal: AbortSignal
  onProgress: (progress: PullProgress) => void
  idleMs?: number
}

/** Stream `ollama pull`; resolves on "success", throws with Ollama's reason otherwise. */
export const pullModel = async (p: PullInput): Promise<void> => {
  const idleMs = p.idleMs ?? PULL_IDLE_MS
  const idle = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const stillAlive = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () => idle.abort(new Error(`Ollama sent no progress for ${idleMs / 1000} s`)),
      idleMs,
    )
  }
  const tally = createPullTally()
  const client = ollamaClient(p.url, AbortSignal.any([p.signal, idle.signal]), PULL_MAX_MS)
  stillAlive()
  try {
    const stream = await client.pull({ model: p.name, stream: true })
    for await (const part of stream) {
      stillAlive()
      p.onProgress(tally(part))
      if (part.status === 'success') return
    }
  } catch (e) {
    if (idle.signal.aborted) throw idle.signal.reason as Error
    throw e
  } finally {
    clearTimeout(timer)
  }
}

const DELETE_TIMEOUT_MS = 15_000

/** `ollama rm`: a 404 means it is not installed (any more). */
export const deleteModel = async (url: string, name: string, signal: AbortSignal) => {
  await ollamaClient(url, signal, DELETE_TIMEOUT_MS).delete({ model: name })
}
