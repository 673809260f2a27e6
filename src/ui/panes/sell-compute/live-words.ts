/** The words for the job generating now and for a test job's round trip. */
import type { Result } from '../../../shared/result.ts'
import type { TestJobReport } from '../../../shared/worker-api.ts'
import { formatDuration } from '../../format.ts'
import type { LiveJob } from '../../state/live.ts'

/** "42 tokens · 3.1 s · 13.5 tokens/s"; the rate only once there is time to measure it. */
export const liveJobFacts = (job: LiveJob, now: number): string => {
  const parts = [`${job.tokens} ${job.tokens === 1 ? 'token' : 'tokens'}`]
  if (job.startedAt !== undefined) {
    const elapsed = Math.max(0, now - job.startedAt)
    parts.push(formatDuration(elapsed))
    if (elapsed >= 500 && job.tokens > 0) {
      parts.push(`${((job.tokens * 1000) / elapsed).toFixed(1)} tokens/s`)
    }
  }
  if (job.generated) parts.push('delivering')
  return parts.join(' · ')
}

export const testJobWords = (result: Result<TestJobReport>): string => {
  if (!result.ok) return `Test job failed: ${result.error}`
  const { latencyMs, outcome, detail } = result.value
  const took = formatDuration(latencyMs)
  if (outcome === 'result') return `Test job answered in ${took}`
  return `Test job reached this provider in ${took}: it asked for ${detail}, which a test job does not pay, so the test cancelled it.`
}
