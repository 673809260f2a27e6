import { describe, expect, it } from 'vitest'
import { err, ok } from '../../shared/result.ts'
import type { SettingsErrors } from '../../shared/settings.ts'
import { reasonOf, settle } from './command-answer.ts'

describe('a command outcome', () => {
  it('unwraps a Result and passes a plain answer through', async () => {
    expect(await settle<'goOnline'>(Promise.resolve(ok('online' as const)))).toEqual({
      ok: true,
      value: 'online',
    })
    expect(await settle<'goOffline'>(Promise.resolve('offline' as const))).toEqual({
      ok: true,
      value: 'offline',
    })
    // A command that answers ok(undefined) still says it worked.
    expect(await settle<'deleteModel'>(Promise.resolve(ok(undefined)))).toEqual({
      ok: true,
      value: undefined,
    })
  })

  it("gives the engine's reason in words, and its error value for a form", async () => {
    const refused = await settle<'goOnline'>(Promise.resolve(err('Ollama is not ready: down')))
    expect(refused).toEqual({
      ok: false,
      error: 'Ollama is not ready: down',
      refusal: 'Ollama is not ready: down',
    })
    const fields: SettingsErrors = { relays: 'Add a relay.', ollamaUrl: 'Not a URL.' }
    const invalid = await settle<'saveSettings'>(Promise.resolve(err(fields)))
    expect(invalid).toEqual({ ok: false, error: 'Add a relay. Not a URL.', refusal: fields })
  })

  it('turns a thrown error into its message, without rejecting', async () => {
    const failed = await settle<'exportNsec'>(Promise.reject(new Error('The engine did not start')))
    expect(failed).toEqual({ ok: false, error: 'The engine did not start' })
    expect(await settle<'exportNsec'>(Promise.reject('gone'))).toEqual({ ok: false, error: 'gone' })
  })

  it('skips fields without an error', () => {
    expect(reasonOf({ relays: undefined, ollamaUrl: 'Not a URL.' })).toBe('Not a URL.')
    expect(reasonOf('plain')).toBe('plain')
  })
})
