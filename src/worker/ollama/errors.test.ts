import { describe, expect, it } from 'vitest'
import { classifyOllamaError } from './errors.ts'

/** What the `ollama` client throws for an HTTP error. */
const response = (error: string, status_code: number) =>
  Object.assign(new Error(error), { error, status_code })

describe("classifyOllamaError: Ollama's errors by what the provider does about them", () => {
  it.each([
    [response("model 'llama3.2' not found", 404), 'not-found'],
    [response('model "llama3.2" not found, try pulling it first', 404), 'not-found'],
    [response('server busy, please try again.  maximum pending requests exceeded', 503), 'busy'],
    [
      response('model requires more system memory (5.6 GiB) than is available (3.1 GiB)', 500),
      'out-of-memory',
    ],
    [
      new Error('llama runner process has terminated: cudaMalloc failed: out of memory'),
      'out-of-memory',
    ],
    [response('"nomic-embed-text" does not support generate', 400), 'cannot-generate'],
    [
      response(
        'the prompt is longer than the context length currently available to the model',
        400,
      ),
      'too-long',
    ],
    [new Error('Failed to fetch'), 'other'],
  ])('%s', (e, kind) => expect(classifyOllamaError(e).kind).toBe(kind))
})
