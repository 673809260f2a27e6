import { describe, expect, it } from 'vitest'
import { err, ok } from './result.ts'
import {
  decideModel,
  defaultModelOf,
  isOffered,
  offeredOf,
  parseModelName,
  sameModel,
  toggleOffered,
} from './models.ts'
import type { ModelInfo } from './worker-api.ts'

const model = (name: string): ModelInfo => ({ name, digest: `sha256:${name}`, sizeBytes: 1 })
const LLAMA = model('llama3.2:latest')
const QWEN = model('qwen2.5:0.5b')
const MISTRAL = model('mistral:7b')
const installed = [LLAMA, QWEN, MISTRAL]
const names = installed.map((m) => m.name)

describe('sameModel', () => {
  it('matches a bare name to its :latest tag, and nothing else', () => {
    expect(sameModel('llama3.2', 'llama3.2:latest')).toBe(true)
    expect(sameModel('llama3.2:latest', 'llama3.2')).toBe(true)
    expect(sameModel('qwen2.5', 'qwen2.5:0.5b')).toBe(false)
  })
})

describe('offeredOf', () => {
  it('offers every installed model when the list is empty', () => {
    expect(offeredOf(installed, [])).toEqual(installed)
  })

  it('offers only the listed models, in installed order, by bare name too', () => {
    expect(offeredOf(installed, ['mistral:7b', 'llama3.2'])).toEqual([LLAMA, MISTRAL])
  })

  it('ignores listed models that are not installed', () => {
    expect(offeredOf(installed, ['phi3'])).toEqual([])
    expect(isOffered('phi3', ['phi3'])).toBe(true)
    expect(isOffered('qwen2.5:0.5b', ['phi3'])).toBe(false)
  })
})

describe('defaultModelOf', () => {
  it('is the default when it is for sale', () => {
    expect(defaultModelOf(installed, 'qwen2.5:0.5b')).toBe(QWEN)
    expect(defaultModelOf(installed, 'llama3.2')).toBe(LLAMA)
  })

  it('is the first model for sale when there is no default or it is not for sale', () => {
    expect(defaultModelOf(installed, '')).toBe(LLAMA)
    expect(defaultModelOf([QWEN, MISTRAL], 'llama3.2')).toBe(QWEN)
    expect(defaultModelOf([], 'llama3.2')).toBeUndefined()
  })
})

describe('toggleOffered', () => {
  it('turning one off from "all" lists the others', () => {
    expect(toggleOffered(names, [], 'qwen2.5:0.5b', false)).toEqual(
      ok(['llama3.2:latest', 'mistral:7b']),
    )
  })

  it('turning the last missing one on comes back to "all"', () => {
    expect(toggleOffered(names, ['llama3.2:latest', 'mistral:7b'], 'qwen2.5:0.5b', true)).toEqual(
      ok([]),
    )
  })

  it('adds one in installed order and drops names no longer installed', () => {
    expect(toggleOffered(names, ['mistral:7b', 'phi3'], 'llama3.2:latest', true)).toEqual(
      ok(['llama3.2:latest', 'mistral:7b']),
    )
  })

  it('refuses to turn off the last model for sale', () => {
    const result = toggleOffered(names, ['qwen2.5:0.5b'], 'qwen2.5:0.5b', false)
    expect(result).toEqual(err(expect.stringContaining('at least one model')))
  })
})

describe('parseModelName', () => {
  it('accepts the names ollama pull takes, trimmed', () => {
    for (const name of ['llama3.2', 'qwen2.5:0.5b', 'hf.co/bartowski/Llama-3.2-1B-GGUF:Q4_K_M']) {
      expect(parseModelName(` ${name} `)).toEqual(ok(name))
    }
  })

  it('refuses empty, spaced, odd and overlong names with a reason', () => {
    expect(parseModelName('  ')).toEqual(err(expect.stringContaining('Type a model name')))
    expect(parseModelName('llama 3')).toEqual(err(expect.stringContaining('not a model')))
    expect(parseModelName('-rf')).toEqual(err(expect.stringContaining('not a model')))
    expect(parseModelName('x'.repeat(201))).toEqual(err(expect.stringContaining('too long')))
  })
})

describe('decideModel', () => {
  const EMBED: ModelInfo = { ...model('nomic-embed-text:latest'), capabilities: ['embedding'] }
  const THINKER: ModelInfo = { ...model('qwen3:0.6b'), capabilities: ['completion', 'thinking'] }
  const all = [LLAMA, QWEN, MISTRAL]
  const decide = (asked: string | undefined, o: Partial<Parameters<typeof decideModel>[1]> = {}) =>
    decideModel(asked, { installed: all, offered: [], defaultModel: '', fallback: true, ...o })

  it('uses the model asked for when it is for sale, by bare name too, with no note', () => {
    expect(decide('qwen2.5:0.5b')).toEqual(ok({ model: QWEN }))
    expect(decide('mistral:7b', { defaultModel: 'qwen2.5:0.5b' })).toEqual(ok({ model: MISTRAL }))
    expect(decide('llama3.2')).toEqual(ok({ model: LLAMA }))
    expect(decide('llama3.2:latest')).toEqual(ok({ model: LLAMA }))
  })

  it('falls back to the default, else the first for sale, and says so', () => {
    expect(decide('qwen2.5', { defaultModel: 'mistral:7b' })).toEqual(
      ok({ model: MISTRAL, note: 'model qwen2.5 is not installed here; used mistral:7b' }),
    )
    expect(decide('gpt-4', { defaultModel: 'phi3' })).toEqual(
      ok({ model: LLAMA, note: 'model gpt-4 is not installed here; used llama3.2:latest' }),
    )
    expect(decide('mistral:7b', { offered: ['llama3.2'] })).toEqual(
      ok({ model: LLAMA, note: 'model mistral:7b is not offered here; used llama3.2:latest' }),
    )
  })

  it('refuses a model it does not offer when falling back is off, naming what it offers', () => {
    expect(decide('gpt-4', { fallback: false, offered: ['qwen2.5:0.5b', 'mistral:7b'] })).toEqual(
      err('model gpt-4 is not installed here; models offered: qwen2.5:0.5b, mistral:7b'),
    )
  })

  it('uses the default, or the first for sale, when none is asked', () => {
    expect(decide(undefined, { defaultModel: 'mistral:7b' })).toEqual(ok({ model: MISTRAL }))
    expect(decide('', { defaultModel: 'qwen2.5:0.5b' })).toEqual(ok({ model: QWEN }))
    expect(decide(undefined, { installed: [QWEN, LLAMA] })).toEqual(ok({ model: QWEN }))
  })

  it('never offers or falls back to a model that cannot generate text', () => {
    expect(decide(undefined, { installed: [EMBED, THINKER] })).toEqual(ok({ model: THINKER }))
    expect(decide(undefined, { installed: [EMBED, LLAMA], defaultModel: EMBED.name })).toEqual(
      ok({ model: LLAMA }),
    )
    expect(offeredOf([EMBED, LLAMA], [])).toEqual([LLAMA])
  })

  it('refuses a request naming a model that cannot generate, even with fallback on', () => {
    expect(decide(EMBED.name, { installed: [EMBED, LLAMA] })).toEqual(
      err("nomic-embed-text:latest can't generate text (it is an embedding model)"),
    )
  })

  it('refuses a model that does not fit in memory here, and falls back past it', () => {
    const unusable = [{ name: 'llama3.2:latest', reason: 'model requires more system memory' }]
    expect(decide('llama3.2', { unusable })).toEqual(
      err(
        "llama3.2:latest does not fit in this machine's memory (model requires more system memory)",
      ),
    )
    expect(decide(undefined, { unusable })).toEqual(ok({ model: QWEN }))
  })

  it('says when no model can generate text', () => {
    const reason = 'no model is installed on this provider that can generate text'
    expect(decide(undefined, { installed: [] })).toEqual(err(reason))
    expect(decide('llama3.2', { installed: [EMBED] })).toEqual(err(reason))
  })
})
