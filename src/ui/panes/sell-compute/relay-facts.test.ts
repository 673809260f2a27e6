import { describe, expect, it } from 'vitest'
import { limitsInWords, relayFacts } from './relay-facts.ts'

const base = { url: 'wss://r', state: 'connected' as const, attempts: 0 }

describe('relayFacts', () => {
  it('says authenticated, refusals, pauses and limits in words', () => {
    const facts = relayFacts(
      {
        ...base,
        auth: 'authenticated',
        refused: 'blocked: spam',
        rateLimitedUntil: 10_000,
        limits: { maxMessageLength: 131_072, authRequired: true },
      },
      4_000,
    )
    expect(facts).toEqual([
      'authenticated',
      'refuses our events: blocked: spam',
      'rate-limited, resuming in 6 s',
      'limits: messages up to 128 KiB, AUTH required',
    ])
  })

  it('says why AUTH failed and why the document could not be read', () => {
    expect(
      relayFacts(
        {
          ...base,
          auth: 'failed',
          authProblem: 'the relay never answered our AUTH',
          infoProblem: 'its NIP-11 document is not JSON',
        },
        0,
      ),
    ).toEqual(['AUTH failed: the relay never answered our AUTH', 'its NIP-11 document is not JSON'])
    expect(relayFacts({ ...base, rateLimitedUntil: 5 }, 10)).toEqual([])
    expect(limitsInWords({})).toBe('')
  })
})
