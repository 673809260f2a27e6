import { describe, expect, it } from 'vitest'
import { decideJob } from './job-decision.ts'
import { err, ok } from './result.ts'
import { DEFAULT_SETTINGS } from './settings.ts'
import type { ModelInfo } from './worker-api.ts'

const LLAMA: ModelInfo = { name: 'llama3.2:1b', digest: 'd', sizeBytes: 1, contextLength: 2048 }
const ollama = { models: [LLAMA] }

describe('decideJob: model and context before any invoice', () => {
  it('takes a job that fits, naming the model', () => {
    const text = { type: 'text' as const, text: 'hello' }
    expect(decideJob({ params: {}, inputs: [text] }, DEFAULT_SETTINGS, ollama)).toEqual(
      ok({ model: LLAMA }),
    )
  })

  it('refuses a known prompt plus max_tokens over the window', () => {
    const text = { type: 'text' as const, text: 'x'.repeat(3000) }
    const decided = decideJob(
      { params: { maxTokens: 1500 }, inputs: [text] },
      DEFAULT_SETTINGS,
      ollama,
    )
    expect(decided).toEqual(err(expect.stringContaining('does not fit') as string))
  })

  it('checks only the text known at intake: an event input is fetched when the job runs', () => {
    const event = { type: 'event' as const, id: 'e'.repeat(64) }
    expect(
      decideJob({ params: { maxTokens: 1500 }, inputs: [event] }, DEFAULT_SETTINGS, ollama).ok,
    ).toBe(true)
  })
})
