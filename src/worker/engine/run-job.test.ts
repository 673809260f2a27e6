import { describe, expect, it } from 'vitest'
import type { ModelInfo } from '../../shared/worker-api.ts'
import { chooseModel } from './run-job.ts'

const model = (name: string, digest = `sha256:${name}`): ModelInfo => ({
  name,
  digest,
  sizeBytes: 1_000_000,
})

const LLAMA = model('llama3.2:latest')
const QWEN = model('qwen2.5:0.5b')
const MISTRAL = model('mistral:7b')
const installed = [LLAMA, QWEN, MISTRAL]

describe('chooseModel', () => {
  it('uses the model asked for when it is installed, with no note', () => {
    expect(chooseModel('qwen2.5:0.5b', installed, '')).toEqual({ model: QWEN })
    expect(chooseModel('mistral:7b', installed, 'qwen2.5:0.5b')).toEqual({ model: MISTRAL })
  })

  it('matches a bare name to its :latest tag', () => {
    expect(chooseModel('llama3.2', installed, '')).toEqual({ model: LLAMA })
    expect(chooseModel('llama3.2:latest', installed, '')).toEqual({ model: LLAMA })
  })

  it('does not match a bare name to another tag', () => {
    expect(chooseModel('qwen2.5', installed, 'mistral:7b')).toEqual({
      model: MISTRAL,
      note: 'model qwen2.5 is not installed here; used mistral:7b',
    })
  })

  it('falls back to the default model and says so', () => {
    expect(chooseModel('gpt-4', installed, 'qwen2.5:0.5b')).toEqual({
      model: QWEN,
      note: 'model gpt-4 is not installed here; used qwen2.5:0.5b',
    })
  })

  it('falls back to the first installed model when there is no default', () => {
    expect(chooseModel('gpt-4', installed, '')).toEqual({
      model: LLAMA,
      note: 'model gpt-4 is not installed here; used llama3.2:latest',
    })
  })

  it('falls back to the first installed model when the default is not installed', () => {
    expect(chooseModel('gpt-4', installed, 'phi3')).toEqual({
      model: LLAMA,
      note: 'model gpt-4 is not installed here; used llama3.2:latest',
    })
  })

  it('uses the default model, by bare name too, when none is asked for', () => {
    expect(chooseModel(undefined, installed, 'mistral:7b')).toEqual({ model: MISTRAL })
    expect(chooseModel(undefined, installed, 'llama3.2')).toEqual({ model: LLAMA })
    expect(chooseModel('', installed, 'qwen2.5:0.5b')).toEqual({ model: QWEN })
  })

  it('uses the first installed model when nothing is asked and there is no default', () => {
    expect(chooseModel(undefined, [QWEN, LLAMA], '')).toEqual({ model: QWEN })
  })

  it('says when no model is installed', () => {
    const error = { error: 'no model is installed on this provider' }
    expect(chooseModel(undefined, [], '')).toEqual(error)
    expect(chooseModel('llama3.2', [], 'llama3.2')).toEqual(error)
  })

  it('returns the installed entry itself, with its digest', () => {
    const chosen = chooseModel('llama3.2', installed, '')
    expect('model' in chosen && chosen.model).toBe(LLAMA)
    expect('model' in chosen && chosen.model.digest).toBe('sha256:llama3.2:latest')
  })
})
