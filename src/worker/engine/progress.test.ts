import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/worker-api.ts'
import { progressSender } from './progress.ts'

describe('progressSender', () => {
  it('sends the first token at once, then at most one update per 250 ms, counting every token', () => {
    const events: EngineEvent[] = []
    let t = 1000
    const send = progressSender({ emit: (e) => events.push(e) }, 'job1', () => t)
    send('a')
    t += 100
    send('ab')
    t += 100
    send('abc')
    t += 60
    send('abcd')
    t += 10
    send('abcde')
    expect(events).toEqual([
      { type: 'progress', jobId: 'job1', text: 'a', tokens: 1 },
      { type: 'progress', jobId: 'job1', text: 'abcd', tokens: 4 },
    ])
  })
})
