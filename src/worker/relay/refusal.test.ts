import { describe, expect, it } from 'vitest'
import { powAsked, readRefusal } from './refusal.ts'

describe('readRefusal', () => {
  it.each([
    ['duplicate: already have this event', 'duplicate', 'accepted'],
    ['auth-required: we only accept events from registered users', 'auth-required', 'auth'],
    ['rate-limited: slow down there chief', 'rate-limited', 'back-off'],
    ['blocked: you are banned from posting here', 'blocked', 'stop'],
    ['restricted: not allowed to write', 'restricted', 'stop'],
    ['mute: no one was listening', 'mute', 'stop'],
    ['invalid: event creation date is too far off', 'invalid', 'drop'],
    ['pow: difficulty 26 is less than 30', 'pow', 'pow'],
    ['error: could not connect to the database', 'error', 'retry'],
    ['publish timed out', 'unknown', 'retry'],
    ['', 'unknown', 'retry'],
    ['Blocked: capitalised', 'blocked', 'stop'],
    ['blockedness without a colon', 'unknown', 'retry'],
  ])('%j is %s, so the provider does %s', (message, prefix, action) => {
    const r = readRefusal(message)
    expect(r.prefix).toBe(prefix)
    expect(r.action).toBe(action)
  })

  it('keeps the relay words, short, from an Error or any value', () => {
    expect(readRefusal(new Error('blocked: spam')).words).toBe('blocked: spam')
    expect(readRefusal(undefined).words).toBe('no reason given')
    expect(readRefusal({}).prefix).toBe('unknown')
    expect(readRefusal(`blocked: ${'x'.repeat(5000)}`).words.length).toBe(200)
  })
})

describe('powAsked', () => {
  it('reads the largest difficulty named', () => {
    expect(powAsked('pow: difficulty 26 is less than 30')).toBe(30)
    expect(powAsked('pow: 20 bits required')).toBe(20)
    expect(powAsked('pow: more work needed')).toBeUndefined()
    expect(powAsked('pow: difficulty 99999')).toBeUndefined()
  })
})
