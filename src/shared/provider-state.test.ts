import { describe, expect, it } from 'vitest'
import {
  canMove,
  isAccepting,
  moveProvider,
  PROVIDER_STATES,
  type ProviderState,
} from './provider-state.ts'

const ALLOWED: Record<ProviderState, ProviderState[]> = {
  offline: ['going-online'],
  'going-online': ['online', 'serving-elsewhere', 'offline', 'going-offline'],
  online: ['going-offline'],
  'going-offline': ['offline'],
  'serving-elsewhere': ['online', 'offline', 'going-online', 'going-offline'],
}
const pairs = PROVIDER_STATES.flatMap((from) => PROVIDER_STATES.map((to) => [from, to] as const))

describe('provider lifecycle', () => {
  it('has the five states the Sell Compute pane shows', () => {
    expect([...PROVIDER_STATES]).toEqual([
      'offline',
      'going-online',
      'online',
      'going-offline',
      'serving-elsewhere',
    ])
  })

  it.each(pairs)('%s -> %s follows the table', (from, to) => {
    expect(canMove(from, to)).toBe(ALLOWED[from].includes(to))
  })

  it('never goes online without asking for the serve lock, nor offline without finishing jobs', () => {
    expect(canMove('offline', 'online')).toBe(false)
    expect(canMove('online', 'offline')).toBe(false)
    expect(canMove('going-offline', 'going-online')).toBe(false)
  })

  it('says why a move is not allowed', () => {
    expect(moveProvider('offline', 'online')).toEqual({
      ok: false,
      error: 'the provider cannot go from offline to online',
    })
    expect(moveProvider('offline', 'going-online')).toEqual({ ok: true, value: 'going-online' })
  })

  it.each(PROVIDER_STATES)('takes new jobs in %s only when online', (state) => {
    expect(isAccepting(state)).toBe(state === 'online')
  })
})
