import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, toForm } from '../../../shared/settings.ts'
import { changedKeys, followSaved } from './draft-state.ts'

const saved = toForm(DEFAULT_SETTINGS)

describe('changedKeys', () => {
  it('names the fields whose text differs, and none when it is the same', () => {
    expect(changedKeys(saved, { ...saved })).toEqual([])
    expect(changedKeys({ ...saved, pricePerJobSats: '21' }, saved)).toEqual(['pricePerJobSats'])
    // Typed and typed back again: nothing is unsaved.
    expect(changedKeys({ ...saved, pricePerJobSats: saved.pricePerJobSats }, saved)).toEqual([])
  })

  it('reads a field the form has not filled as empty text', () => {
    expect(
      changedKeys({ ...saved, providerAbout: undefined }, { ...saved, providerAbout: '' }),
    ).toEqual([])
  })
})

describe('followSaved', () => {
  const elsewhere = { ...saved, relays: 'wss://elsewhere.example' }

  it('follows settings changed elsewhere while the person has not edited the form', () => {
    const state = { base: saved, draft: saved }
    expect(followSaved(state, elsewhere)).toEqual({ base: elsewhere, draft: elsewhere })
    expect(followSaved(state, saved)).toBe(state)
  })

  it('keeps what the person typed when settings change elsewhere', () => {
    const state = { base: saved, draft: { ...saved, pricePerJobSats: '21' } }
    expect(followSaved(state, elsewhere)).toBe(state)
    expect(changedKeys(state.draft, state.base)).toEqual(['pricePerJobSats'])
  })
})
