import { describe, expect, it } from 'vitest'
import { ok } from '../../shared/result.ts'
import { DEFAULT_SETTINGS, parseSettingsForm, type Settings } from '../../shared/settings.ts'
import { createSetupLinkCommand } from './setup-link.ts'

/** The command over an in-memory settings store, as the engine wires it. */
const rig = (saved: boolean) => {
  let settings: Settings = { ...DEFAULT_SETTINGS, relays: ['wss://ours.example'] }
  const saves: Settings[] = []
  const apply = createSetupLinkCommand({
    settings: () => settings,
    hasSavedSettings: async () => saved || saves.length > 0,
    saveSettings: async (form) => {
      const parsed = parseSettingsForm(form, settings)
      if (!parsed.ok) throw new Error('the command sent an invalid form')
      settings = parsed.value
      saves.push(settings)
      return ok(settings)
    },
  })
  return { apply, saves, settings: () => settings }
}

const DEMO = { relays: 'ws://127.0.0.1:7000', ollamaUrl: 'http://127.0.0.1:11434' }
const HOSTILE = { relays: 'wss://evil.example', ollamaUrl: 'http://203.0.113.7:11434' }

describe('the setup-link command', () => {
  it('applies the demo link on a first run without asking', async () => {
    const { apply, saves, settings } = rig(false)
    const result = await apply(DEMO)
    expect(result.ok && result.value.applied).toBe(true)
    expect(saves).toHaveLength(1)
    expect(settings().relays).toEqual(['ws://127.0.0.1:7000'])
  })

  it('saves nothing for a provider with settings until confirmed, then exactly the link', async () => {
    const { apply, saves, settings } = rig(true)
    const first = await apply(HOSTILE)
    expect(first.ok && first.value).toMatchObject({ applied: false })
    expect(first.ok && first.value.changes.map((c) => c.setting)).toEqual(['Relays', 'Ollama URL'])
    expect(saves).toHaveLength(0)
    const confirmed = await apply({ ...HOSTILE, confirmed: true })
    expect(confirmed.ok && confirmed.value.applied).toBe(true)
    expect(settings()).toMatchObject({
      relays: ['wss://evil.example'],
      ollamaUrl: HOSTILE.ollamaUrl,
    })
  })

  it('asks even on a first run when the Ollama is on another machine', async () => {
    const { apply, saves } = rig(false)
    const result = await apply(HOSTILE)
    expect(result.ok && result.value.applied).toBe(false)
    expect(result.ok && result.value.warnings).toHaveLength(1)
    expect(saves).toHaveLength(0)
  })

  it('refuses an invalid link with the reason, saving nothing', async () => {
    const { apply, saves } = rig(false)
    const result = await apply({ relays: 'http://not-a-relay', confirmed: true })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.relays).toMatch(/must start with wss:\/\//)
    expect(saves).toHaveLength(0)
  })
})
