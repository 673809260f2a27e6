import { describe, expect, it } from 'vitest'
import type { ModelInfo } from '../../../shared/worker-api.ts'
import { modelWords } from './model-words.ts'

const model = (name: string, capabilities?: string[], contextLength?: number): ModelInfo => ({
  name,
  digest: name,
  sizeBytes: 1,
  ...(capabilities ? { capabilities } : {}),
  ...(contextLength ? { contextLength } : {}),
})

describe('modelWords', () => {
  it("says an embedding model can't generate text, and it has no For sale box", () => {
    expect(modelWords(model('nomic-embed-text', ['embedding']), {})).toEqual({
      sellable: false,
      ability: "can't generate text (embedding model)",
      memory: 'Not loaded',
    })
  })

  it('says what a thinking model does, and its context', () => {
    const words = modelWords(model('qwen3:0.6b', ['completion', 'thinking'], 40_960), {})
    expect(words).toMatchObject({
      sellable: true,
      ability: 'generates text, reasons (thinking) · context 40k',
    })
  })

  it('names a model that did not fit in memory, with Ollama’s reason', () => {
    const unusable = [{ name: 'llama3.2:latest', reason: 'model requires more system memory' }]
    expect(modelWords(model('llama3.2:latest', ['completion']), { unusable })).toMatchObject({
      sellable: false,
      ability: 'not usable on this machine',
      why: 'model requires more system memory',
    })
  })

  it('says loading, or what it holds in memory and where', () => {
    const m = model('llama3.2:1b', ['completion'])
    expect(modelWords(m, { loading: ['llama3.2:1b'] }).memory).toBe('Loading llama3.2:1b...')
    const at = new Date(2026, 11, 1, 22, 40, 0).getTime()
    const loaded = [{ name: 'llama3.2:1b', sizeBytes: 1_300_000_000, vramBytes: 0, expiresAt: at }]
    expect(modelWords(m, { loaded }).memory).toBe('Loaded: 1.3 GB (CPU) until 22:40:00')
    const gpu = [{ ...loaded[0]!, vramBytes: 1_300_000_000 }]
    expect(modelWords(m, { loaded: gpu }).memory).toBe('Loaded: 1.3 GB (all on GPU) until 22:40:00')
  })
})
