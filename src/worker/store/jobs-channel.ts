/**
 * Each tab runs its own engine over the one database, and only the serving one writes jobs.
 * The others keep Job History's totals in memory (state-tally.ts), so the writer says here
 * that it wrote, at most once per 100 ms, and they count again when next asked.
 */
import { createTabChannel } from './tab-channel.ts'

export interface JobsChannel {
  /** This tab's engine wrote a job (its write has committed). */
  wrote(): void
  /** Called when another tab wrote; returns a function that stops listening. */
  onWrote(listener: () => void): () => void
  close(): void
}

const EVERY_MS = 100

export const createJobsChannel = (dbName: string): JobsChannel => {
  const channel = createTabChannel('jobs', 'wrote', dbName)
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    wrote() {
      timer ??= setTimeout(() => {
        timer = undefined
        channel.post()
      }, EVERY_MS)
    },
    onWrote: channel.on,
    close() {
      clearTimeout(timer)
      channel.close()
    },
  }
}
