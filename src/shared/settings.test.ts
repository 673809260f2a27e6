import { describe, expect, it } from 'vitest'
import { err, ok } from './result.ts'
import {
  DEFAULT_SETTINGS,
  FORM_KEYS,
  SETTING_FIELDS,
  formLabel,
  normalizeSettings,
  parseRelayUrl,
  parseSettingsForm,
  toForm,
  type Settings,
  type SettingsForm,
} from './settings.ts'

const base: Settings = {
  ...DEFAULT_SETTINGS,
  maxTokensCap: 2048,
  lookbackSeconds: 60,
  generationTimeoutSeconds: 90,
}

const form = (over: Partial<SettingsForm> = {}): SettingsForm => ({
  relays: 'wss://relay.damus.io\nwss://nos.lol',
  ollamaUrl: 'http://localhost:11434',
  pricePerJobSats: '10',
  pricePer1kTokensSats: '2',
  defaultModel: 'llama3.2',
  ...over,
})

const settingsOf = (f: SettingsForm): Settings => {
  const parsed = parseSettingsForm(f, base)
  if (!parsed.ok) throw new Error(`expected settings, got ${JSON.stringify(parsed.error)}`)
  return parsed.value
}

const errorsOf = (f: SettingsForm) => {
  const parsed = parseSettingsForm(f, base)
  if (parsed.ok) throw new Error('expected errors, got settings')
  return parsed.error
}

describe('parseSettingsForm', () => {
  it('applies a valid form and keeps the settings the form does not show', () => {
    expect(settingsOf(form())).toEqual({
      ...base,
      relays: ['wss://relay.damus.io', 'wss://nos.lol'],
      ollamaUrl: 'http://localhost:11434',
      pricePerJobSats: 10,
      pricePer1kTokensSats: 2,
      defaultModel: 'llama3.2',
    })
    expect(settingsOf(form())).toMatchObject({
      maxTokensCap: 2048,
      lookbackSeconds: 60,
      generationTimeoutSeconds: 90,
    })
  })

  it('round-trips the defaults through toForm', () => {
    const parsed = parseSettingsForm(toForm(DEFAULT_SETTINGS), DEFAULT_SETTINGS)
    expect(parsed).toEqual({ ok: true, value: DEFAULT_SETTINGS })
  })

  it('normalizes relays: trims, skips blank lines, one spelling, no duplicates, order kept', () => {
    const relays = [
      '  wss://nos.lol/  ',
      '',
      'WSS://Relay.Damus.IO',
      '   ',
      'wss://nos.lol',
      'wss://relay.damus.io/',
      'wss://relay.example.com/nostr/',
    ].join('\n')
    expect(settingsOf(form({ relays })).relays).toEqual([
      'wss://nos.lol',
      'wss://relay.damus.io',
      'wss://relay.example.com/nostr',
    ])
  })

  it('accepts Windows line endings', () => {
    expect(
      settingsOf(form({ relays: 'wss://a.example.com\r\nwss://b.example.com\r\n' })).relays,
    ).toEqual(['wss://a.example.com', 'wss://b.example.com'])
  })

  it('allows ws:// for a local relay', () => {
    expect(settingsOf(form({ relays: 'ws://127.0.0.1:7777' })).relays).toEqual([
      'ws://127.0.0.1:7777',
    ])
  })

  it.each(['', '   ', '\n\n'])('asks for at least one relay when relays are %j', (relays) => {
    expect(errorsOf(form({ relays }))).toEqual({
      relays: 'Add at least one relay, one URL per line',
    })
  })

  it('names the first relay that is not a websocket URL', () => {
    expect(errorsOf(form({ relays: 'wss://nos.lol\nhttps://relay.example.com\nftp://x' }))).toEqual(
      {
        relays: '"https://relay.example.com" must start with wss:// (or ws:// for a local relay)',
      },
    )
    expect(errorsOf(form({ relays: 'relay.damus.io' }))).toEqual({
      relays: '"relay.damus.io" is not a URL',
    })
  })

  it('normalizes the Ollama URL', () => {
    expect(settingsOf(form({ ollamaUrl: ' http://127.0.0.1:11434/ ' })).ollamaUrl).toBe(
      'http://127.0.0.1:11434',
    )
    expect(settingsOf(form({ ollamaUrl: 'https://ollama.example.com' })).ollamaUrl).toBe(
      'https://ollama.example.com',
    )
  })

  it.each([
    ['ftp://localhost:11434', 'Ollama URL must start with http:// or https://'],
    ['ws://localhost:11434', 'Ollama URL must start with http:// or https://'],
    ['not a url', '"not a url" is not a URL, for example http://localhost:11434'],
    ['', '"" is not a URL, for example http://localhost:11434'],
  ])('refuses Ollama URL %j', (ollamaUrl, error) => {
    expect(errorsOf(form({ ollamaUrl }))).toEqual({ ollamaUrl: error })
  })

  it.each(['-1', '1.5', 'ten', '', '1e3', '0x10'])('refuses price per job %j', (value) => {
    expect(errorsOf(form({ pricePerJobSats: value }))).toEqual({
      pricePerJobSats: 'Price per job must be a whole number of sats, 0 or more',
    })
  })

  it('refuses prices over 1,000,000 sats, accepts exactly that', () => {
    expect(errorsOf(form({ pricePerJobSats: '1000001' }))).toEqual({
      pricePerJobSats: 'Price per job must be at most 1,000,000 sats',
    })
    expect(errorsOf(form({ pricePer1kTokensSats: '99999999' }))).toEqual({
      pricePer1kTokensSats: 'Price per 1k tokens must be at most 1,000,000 sats',
    })
    expect(settingsOf(form({ pricePerJobSats: '1000000' })).pricePerJobSats).toBe(1_000_000)
  })

  it('reads prices with spaces around them, and 0 (free)', () => {
    const s = settingsOf(form({ pricePerJobSats: ' 21 ', pricePer1kTokensSats: '0' }))
    expect(s.pricePerJobSats).toBe(21)
    expect(s.pricePer1kTokensSats).toBe(0)
  })

  it('refuses a bad price per 1k tokens with its own label', () => {
    expect(errorsOf(form({ pricePer1kTokensSats: 'x' }))).toEqual({
      pricePer1kTokensSats: 'Price per 1k tokens must be a whole number of sats, 0 or more',
    })
  })

  it('trims the default model, allows it empty, refuses one over 200 characters', () => {
    expect(settingsOf(form({ defaultModel: '  qwen2.5:0.5b ' })).defaultModel).toBe('qwen2.5:0.5b')
    expect(settingsOf(form({ defaultModel: '' })).defaultModel).toBe('')
    expect(settingsOf(form({ defaultModel: 'm'.repeat(200) })).defaultModel).toBe('m'.repeat(200))
    expect(errorsOf(form({ defaultModel: 'm'.repeat(201) }))).toEqual({
      defaultModel: 'Model name is too long',
    })
  })

  it('reports every field error at once', () => {
    expect(
      errorsOf({
        relays: 'http://x',
        ollamaUrl: 'nope',
        pricePerJobSats: '-1',
        pricePer1kTokensSats: 'abc',
        defaultModel: 'm'.repeat(300),
      }),
    ).toEqual({
      relays: '"http://x" must start with wss:// (or ws:// for a local relay)',
      ollamaUrl: '"nope" is not a URL, for example http://localhost:11434',
      pricePerJobSats: 'Price per job must be a whole number of sats, 0 or more',
      pricePer1kTokensSats: 'Price per 1k tokens must be a whole number of sats, 0 or more',
      defaultModel: 'Model name is too long',
    })
  })

  it.each<[string, Partial<SettingsForm>]>([
    ['relays', { relays: 'http://x' }],
    ['ollamaUrl', { ollamaUrl: 'nope' }],
    ['pricePerJobSats', { pricePerJobSats: '-1' }],
    ['pricePer1kTokensSats', { pricePer1kTokensSats: '1.5' }],
    ['defaultModel', { defaultModel: 'm'.repeat(201) }],
  ])('applies nothing when only %s is wrong', (field, over) => {
    const before = structuredClone(base)
    const parsed = parseSettingsForm(
      form({ relays: 'wss://changed.example.com', pricePerJobSats: '999', ...over }),
      base,
    )
    expect(parsed.ok).toBe(false)
    expect(parsed).not.toHaveProperty('value')
    expect(Object.keys(parsed.ok ? {} : parsed.error)).toEqual([field])
    expect(base).toEqual(before)
  })
})

describe('parseRelayUrl', () => {
  it('returns one spelling of a relay URL', () => {
    expect(parseRelayUrl('wss://Relay.Example.com/')).toEqual(ok('wss://relay.example.com'))
    expect(parseRelayUrl('wss://relay.example.com:443')).toEqual(ok('wss://relay.example.com'))
    expect(parseRelayUrl('ws://localhost:7777')).toEqual(ok('ws://localhost:7777'))
  })

  it('says why a relay URL is refused', () => {
    expect(parseRelayUrl('https://relay.example.com')).toEqual(
      err('"https://relay.example.com" must start with wss:// (or ws:// for a local relay)'),
    )
    expect(parseRelayUrl('wss://')).toEqual(err('"wss://" is not a URL'))
  })
})

describe('normalizeSettings', () => {
  it.each([null, undefined, 42, 'settings', true])('returns the defaults for %j', (stored) => {
    expect(normalizeSettings(stored)).toEqual(DEFAULT_SETTINGS)
  })

  it('fills an empty or foreign object with the defaults', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS)
    expect(normalizeSettings([])).toEqual(DEFAULT_SETTINGS)
    expect(normalizeSettings({ theme: 'dark' })).toEqual(DEFAULT_SETTINGS)
  })

  it('keeps a valid stored settings object as it is', () => {
    const stored: Settings = {
      ...DEFAULT_SETTINGS,
      relays: ['wss://relay.example.com', 'ws://127.0.0.1:7777'],
      ollamaUrl: 'http://127.0.0.1:11434',
      pricePerJobSats: 5,
      pricePer1kTokensSats: 1,
      defaultModel: 'qwen2.5:0.5b',
      maxTokensCap: 1000,
      lookbackSeconds: 0,
      generationTimeoutSeconds: 30,
    }
    expect(normalizeSettings(structuredClone(stored))).toEqual(stored)
  })

  it('replaces each damaged field by its default and keeps the good ones', () => {
    expect(
      normalizeSettings({
        relays: [42, 'https://not-a-relay.example.com', 'wss://ok.example.com', null],
        ollamaUrl: 11434,
        pricePerJobSats: -1,
        pricePer1kTokensSats: '3',
        defaultModel: { name: 'x' },
        maxTokensCap: NaN,
        lookbackSeconds: Infinity,
        generationTimeoutSeconds: 45,
      }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      relays: ['wss://ok.example.com'],
      defaultModel: '',
      generationTimeoutSeconds: 45,
    })
  })

  it('keeps the engine settings sane: whole numbers of at least 1, booleans, hex key lists', () => {
    const customer = 'ab'.repeat(32)
    expect(
      normalizeSettings({
        concurrency: 2.9,
        queueCapacity: 0,
        rateLimitPerMinute: -3,
        streamPartials: 'yes',
        fallbackToDefaultModel: false,
        blocklist: [customer, 'npub1xyz', 'AB'.repeat(32), 7],
        allowlist: 'everyone',
      }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      concurrency: 2,
      queueCapacity: 1,
      streamPartials: DEFAULT_SETTINGS.streamPartials,
      fallbackToDefaultModel: false,
      blocklist: [customer],
      allowlist: [],
    })
  })

  it.each([[[]], [['nope', 1]], ['wss://relay.example.com'], [{ 0: 'wss://x.example.com' }]])(
    'falls back to the default relays for %j',
    (relays) => {
      expect(normalizeSettings({ relays }).relays).toEqual(DEFAULT_SETTINGS.relays)
    },
  )
})

describe('parseSettingsForm: the policy fields', () => {
  const policyOf = (s: Settings) => ({
    concurrency: s.concurrency,
    queueCapacity: s.queueCapacity,
    rateLimitPerMinute: s.rateLimitPerMinute,
    streamPartials: s.streamPartials,
    fallbackToDefaultModel: s.fallbackToDefaultModel,
    blocklist: s.blocklist,
    allowlist: s.allowlist,
  })

  it('round-trips the defaults', () => {
    const r = parseSettingsForm(toForm(DEFAULT_SETTINGS), DEFAULT_SETTINGS)
    expect(r.ok && policyOf(r.value)).toEqual({
      concurrency: 1,
      queueCapacity: 20,
      rateLimitPerMinute: 10,
      streamPartials: true,
      fallbackToDefaultModel: true,
      blocklist: [],
      allowlist: [],
    })
  })

  it('keeps saved values for fields an older form does not send', () => {
    const base = { ...DEFAULT_SETTINGS, concurrency: 3, streamPartials: false }
    const r = parseSettingsForm({}, base)
    expect(r.ok && r.value.concurrency).toBe(3)
    expect(r.ok && r.value.streamPartials).toBe(false)
  })

  it('names every bad field and applies none', () => {
    const r = parseSettingsForm(
      { concurrency: '0', queueCapacity: 'lots', rateLimitPerMinute: '2.5', blocklist: 'bob' },
      DEFAULT_SETTINGS,
    )
    expect(r).toEqual({
      ok: false,
      error: {
        concurrency: 'Jobs at once must be a whole number from 1 to 16',
        queueCapacity: 'Queue capacity must be a whole number from 1 to 1000',
        rateLimitPerMinute:
          'Requests per customer per minute must be a whole number from 1 to 10000',
        blocklist: '"bob" is not an npub or a hex public key',
      },
    })
  })

  it('reads checkboxes as true/false text', () => {
    const r = parseSettingsForm(
      { streamPartials: 'false', fallbackToDefaultModel: 'false' },
      DEFAULT_SETTINGS,
    )
    expect(r.ok && [r.value.streamPartials, r.value.fallbackToDefaultModel]).toEqual([false, false])
  })
})

// Every row of the table, so a new row is tested the moment it is added.
describe('the settings table', () => {
  const rows = Object.entries(SETTING_FIELDS)
  const wholes = rows.flatMap(([key, row]) =>
    row.kind === 'whole' ? [[key as keyof typeof SETTING_FIELDS, row] as const] : [],
  )

  it.each(wholes)('%s: its default is within its bounds', (_, row) => {
    expect(row.default).toBeGreaterThanOrEqual(row.min)
    expect(row.default).toBeLessThanOrEqual(row.max)
  })

  it.each(wholes.filter(([key]) => (FORM_KEYS as string[]).includes(key)))(
    '%s: the form accepts min and max, refuses max + 1 naming the field, applies nothing',
    (key, row) => {
      const at = (n: number) => parseSettingsForm({ [key]: String(n) }, DEFAULT_SETTINGS)
      expect(at(row.min)).toMatchObject({ ok: true, value: { [key]: row.min } })
      expect(at(row.max)).toMatchObject({ ok: true, value: { [key]: row.max } })
      const refused = at(row.max + 1)
      expect(refused.ok).toBe(false)
      const error = refused.ok ? '' : (refused.error as Record<string, string>)[key]
      expect(error).toContain(row.label)
      expect(formLabel(row)).toContain(row.label)
    },
  )

  it.each(rows)('%s: a stored value survives normalizeSettings', (key) => {
    const stored = structuredClone(DEFAULT_SETTINGS)
    expect(normalizeSettings(stored)[key as keyof Settings]).toEqual(
      DEFAULT_SETTINGS[key as keyof Settings],
    )
  })

  it('the form shows exactly the rows with a section', () => {
    expect(Object.keys(toForm(DEFAULT_SETTINGS)).sort()).toEqual(
      rows
        .filter(([, row]) => 'section' in row)
        .map(([key]) => key)
        .sort(),
    )
  })
})

describe('parseSettingsForm: the provider profile', () => {
  const profile = (over: Partial<SettingsForm>) => parseSettingsForm(over, DEFAULT_SETTINGS)

  it('is empty by default (the listing fills in defaults) and takes what is typed, trimmed', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      providerName: '',
      providerAbout: '',
      providerPicture: '',
      lightningAddress: '',
    })
    expect(
      profile({
        providerName: '  Ada’s GPU ',
        providerAbout: 'Fast answers.\nFrom a 4090.',
        providerPicture: ' https://example.com/ada.png ',
        lightningAddress: ' Ada@Example.com ',
      }),
    ).toMatchObject({
      ok: true,
      value: {
        providerName: 'Ada’s GPU',
        providerAbout: 'Fast answers.\nFrom a 4090.',
        providerPicture: 'https://example.com/ada.png',
        lightningAddress: 'ada@example.com',
      },
    })
  })

  it('lets every field be emptied again', () => {
    const filled = { ...DEFAULT_SETTINGS, providerName: 'x', lightningAddress: 'a@b.co' }
    const parsed = parseSettingsForm({ providerName: ' ', lightningAddress: '' }, filled)
    expect(parsed).toMatchObject({ ok: true, value: { providerName: '', lightningAddress: '' } })
  })

  it.each([
    ['providerPicture', 'http://example.com/a.png', 'Picture URL must be an https:// address'],
    ['providerPicture', 'not a url', 'Picture URL must be an https:// address'],
    ['providerPicture', 'javascript:alert(1)', 'Picture URL must be an https:// address'],
    ['lightningAddress', 'ada', 'Lightning address must look like name@example.com'],
    ['lightningAddress', 'ada@localhost', 'Lightning address must look like name@example.com'],
    ['lightningAddress', 'a d a@example.com', 'Lightning address must look like name@example.com'],
    ['providerName', 'n'.repeat(101), 'Provider name is too long'],
    ['providerAbout', 'a'.repeat(1001), 'About is too long'],
  ] as const)('refuses %s = %j, saying why, and applies nothing', (key, value, error) => {
    const parsed = profile({ [key]: value, pricePerJobSats: '7' })
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? '' : parsed.error[key]).toContain(error)
  })
})
