/**
 * The bench's customer: a bare WebSocket client of the relay. Requests are signed before the
 * clock starts (signing costs milliseconds in Node), and replies are timed as frames arrive,
 * without re-verifying what the relay already verified, so the probe adds little of its own.
 */
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure'
import WebSocket from 'ws'

export interface JobTiming {
  /** performance.now() of this process; the other times are on the same clock. */
  sentAt: number
  /** Date.now() at the send, to line up with times the app journals. */
  sentWall: number
  /** First kind 7000 with status processing (the app's "Queued: position n" counts). */
  processingAt?: number
  resultAt?: number
  result?: Event
  partials: { at: number; content: string }[]
  errors: string[]
  /** Every kind 6050 and 7000 for this job: what the provider signed for it. */
  replies: number
}

export interface Probe {
  pubkey: string
  /** Signed kind 5050 requests for `provider`, one per prompt. */
  sign(prompts: string[], provider: string): Event[]
  /**
   * Publish now; the clock for each starts just before its frame is sent. `via` sends it on
   * another connection instead (its order among that connection's frames matters).
   */
  send(requests: Event[], via?: { send(frame: string): void }): void
  /**
   * Resolves when every id has a result or an error feedback (a failed job is an answer too),
   * or rejects with how many had neither in time.
   */
  waitForReplies(ids: string[], timeoutMs: number): Promise<void>
  timing(id: string): JobTiming | undefined
  close(): void
}

export const startProbe = async (relayUrl: string): Promise<Probe> => {
  const secretKey = generateSecretKey()
  const pubkey = getPublicKey(secretKey)
  const timings = new Map<string, JobTiming>()
  // Ids still waiting for a result in the current waitForResults, and who to tell.
  let pending: Set<string> | undefined
  let onReply: (() => void) | undefined
  const ws = new WebSocket(relayUrl)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })

  const onEvent = (event: Event, at: number) => {
    const id = event.tags.find((t) => t[0] === 'e')?.[1]
    const job = id === undefined ? undefined : timings.get(id)
    if (job === undefined) return
    job.replies += 1
    if (event.kind === 6050 && job.resultAt === undefined) {
      job.resultAt = at
      job.result = event
      if (pending?.delete(id ?? '') === true) onReply?.()
    }
    if (event.kind !== 7000) return
    const status = event.tags.find((t) => t[0] === 'status')
    if (status?.[1] === 'processing') job.processingAt ??= at
    if (status?.[1] === 'partial') job.partials.push({ at, content: event.content })
    if (status?.[1] === 'error') {
      job.errors.push(status[2] ?? 'error')
      if (pending?.delete(id ?? '') === true) onReply?.()
    }
  }

  ws.on('message', (data) => {
    const at = performance.now()
    const message = JSON.parse(data.toString()) as unknown[]
    if (message[0] === 'EVENT') onEvent(message[2] as Event, at)
  })

  // Wait for EOSE so that no reply can slip past the subscription.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('probe: no EOSE from the relay in 5 s')), 5000)
    const onEose = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as unknown[]
      if (message[0] !== 'EOSE') return
      clearTimeout(timer)
      ws.off('message', onEose)
      resolve()
    }
    ws.on('message', onEose)
    ws.send(JSON.stringify(['REQ', 'probe', { kinds: [6050, 7000], '#p': [pubkey] }]))
  })

  return {
    pubkey,
    sign: (prompts, provider) =>
      prompts.map((prompt, i) =>
        finalizeEvent(
          {
            kind: 5050,
            created_at: Math.floor(Date.now() / 1000),
            tags: [
              // The index keeps ids distinct for equal prompts signed in the same second.
              ['i', `${prompt} #${i}`, 'text'],
              ['output', 'text/plain'],
              ['p', provider],
            ],
            content: '',
          },
          secretKey,
        ),
      ),
    send: (requests, via = ws) => {
      for (const request of requests) {
        timings.set(request.id, {
          sentAt: performance.now(),
          sentWall: Date.now(),
          partials: [],
          errors: [],
          replies: 0,
        })
        via.send(JSON.stringify(['EVENT', request]))
      }
    },
    waitForReplies: (ids, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const answered = (t: JobTiming | undefined) =>
          t !== undefined && (t.resultAt !== undefined || t.errors.length > 0)
        pending = new Set(ids.filter((id) => !answered(timings.get(id))))
        const check = () => {
          if ((pending?.size ?? 0) > 0) return
          clearTimeout(timer)
          onReply = undefined
          resolve()
        }
        const timer = setTimeout(() => {
          onReply = undefined
          const lost = [...(pending ?? [])]
          pending = undefined
          reject(
            new Error(
              `${lost.length} of ${ids.length} jobs had no result or error in ${timeoutMs} ms`,
            ),
          )
        }, timeoutMs)
        onReply = check
        check()
      }),
    timing: (id) => timings.get(id),
    close: () => ws.close(),
  }
}
