import { describe, expect, it } from 'vitest'
import { contextWindow, estimateTokens, fitContext, wasCut } from './context-window.ts'
import { err, ok } from './result.ts'

describe('contextWindow', () => {
  it("is the model's own, capped to 8192, or the setting, never past the model's", () => {
    expect(contextWindow({ contextLength: 131_072 }, 0)).toBe(8192)
    expect(contextWindow({ contextLength: 2048 }, 0)).toBe(2048)
    expect(contextWindow({}, 0)).toBe(4096)
    expect(contextWindow({ contextLength: 131_072 }, 32_768)).toBe(32_768)
    expect(contextWindow({ contextLength: 2048 }, 32_768)).toBe(2048)
  })
})

describe('estimateTokens', () => {
  it('errs high: a third of the ASCII characters, each other character one', () => {
    expect(estimateTokens('hello world!')).toBe(4)
    expect(estimateTokens('日本語')).toBe(3)
    expect(estimateTokens('€'.repeat(10))).toBe(10)
    // English runs near 4 characters a token: the estimate is above a real count.
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBeGreaterThan(10)
  })
})

describe('fitContext', () => {
  const base = { cap: 4096, window: 8192, model: 'llama3.2' }

  it("keeps a customer's max_tokens when prompt and answer fit", () => {
    expect(fitContext({ ...base, prompt: 'hi', maxTokens: 500 })).toEqual(ok({ numPredict: 500 }))
  })

  it('refuses a max_tokens that cannot fit beside the prompt, with the numbers', () => {
    const fit = fitContext({ ...base, prompt: 'x'.repeat(18_000), maxTokens: 4000 })
    expect(fit).toEqual(
      err(
        "the prompt (about 6,000 tokens) plus max_tokens 4,000 does not fit llama3.2's context window of 8,192 tokens here; shorten the prompt or ask for fewer tokens",
      ),
    )
  })

  it('with no max_tokens, gives the answer what room is left, up to the cap', () => {
    expect(fitContext({ ...base, prompt: 'x'.repeat(18_000), maxTokens: undefined })).toEqual(
      ok({ numPredict: 2192 }),
    )
    expect(fitContext({ ...base, prompt: 'hi', maxTokens: undefined })).toEqual(
      ok({ numPredict: 4096 }),
    )
  })

  it('refuses a prompt that leaves no room for an answer', () => {
    const fit = fitContext({ ...base, prompt: 'x'.repeat(24_000), maxTokens: undefined })
    expect(fit.ok).toBe(false)
  })
})

describe('wasCut', () => {
  it("recognises the count Ollama's runner leaves after cutting a prompt", () => {
    expect(wasCut(514, 1024)).toBe(true)
    expect(wasCut(4098, 8192)).toBe(true)
    expect(wasCut(4099, 8192)).toBe(true)
    expect(wasCut(600, 1024)).toBe(false)
    expect(wasCut(12, 8192)).toBe(false)
  })
})
