import { describe, expect, it } from 'vitest'
import type { ShowResponse } from 'ollama/browser'
import { factsOf } from './show.ts'

const show = (o: Record<string, unknown>) => o as unknown as Partial<ShowResponse>

describe('factsOf: capabilities and context length from /api/show', () => {
  it('reads the context under the architecture, and the capabilities', () => {
    expect(
      factsOf(
        show({
          capabilities: ['completion', 'thinking'],
          model_info: { 'general.architecture': 'qwen3', 'qwen3.context_length': 40_960 },
        }),
      ),
    ).toEqual({ capabilities: ['completion', 'thinking'], contextLength: 40_960 })
  })

  it('an older Ollama without capabilities or model_info says nothing', () => {
    expect(factsOf(show({}))).toEqual({})
  })
})
