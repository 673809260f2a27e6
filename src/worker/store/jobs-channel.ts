/**
 * Each tab runs its own engine over the one database, and only the serving one writes jobs.
 * The others keep Job History's totals in memory (state-tally.ts), so the writer says here
 * that it wrote, at most once per 100 ms, and they count again when next asked.
 */
export interface JobsChannel {
  /** This tab's engine wrote a job (its write has committed). */
  wrote(): void
  /** Called when another tab wrote; returns a function that stops listening. */
  onWrote(listener: () => void): () => void
  close(): void
}

const EVERY_MS = 100

/** One channel per database, so test databases never hear each other. */
export const createJobsChannel = (dbName: string): JobsChannel => {
  const channel = new BroadcastChannel(`sell-compute:jobs:${dbName}`)
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    wrote() {
      timer ??= setTimeout(() => {
        timer = undefined
        channel.postMessage('wrote')
      }, EVERY_MS)
    },
    onWrote(listener) {
      const handle = (e: MessageEvent) => {
        if (e.data === 'wrote') listener()
      }
      channel.addEventListener('message', handle)
      return () => channel.removeEventListener('message', handle)
    },
    close() {
      clearTimeout(timer)
      channel.close()
    },
  }
}
