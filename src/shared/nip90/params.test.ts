import { describe, expect, it } from 'vitest'
import { MAX_STOP_CHARS, MAX_STOPS, parseParams } from './params.ts'
import { err, ok } from '../result.ts'

const param = (name: string, value?: string) =>
  value === undefined ? ['param', name] : ['param', name, value]

describe('parseParams', () => {
  it('returns no params for no param tags', () => {
    expect(parseParams([])).toEqual(ok({}))
    expect(
      parseParams([
        ['i', 'hello', 'text'],
        ['bid', '1000'],
      ]),
    ).toEqual(ok({}))
  })

  it('reads every supported param into its field', () => {
    expect(
      parseParams([
        param('model', 'llama3.2:1b'),
        param('max_tokens', '256'),
        param('temperature', '0.7'),
        param('top_k', '40'),
        param('top_p', '0.9'),
        param('frequency_penalty', '-0.5'),
        param('presence_penalty', '0.25'),
        param('seed', '42'),
        param('stop', '###'),
      ]),
    ).toEqual(
      ok({
        model: 'llama3.2:1b',
        maxTokens: 256,
        temperature: 0.7,
        topK: 40,
        topP: 0.9,
        frequencyPenalty: -0.5,
        presencePenalty: 0.25,
        seed: 42,
        stop: ['###'],
      }),
    )
  })

  it('accepts - for _ , any case, and spaces around names and values', () => {
    expect(
      parseParams([
        param('top-k', '40'),
        param('max-tokens', '100'),
        param('Frequency-Penalty', '1'),
        param(' TOP_P ', ' 0.5 '),
        param('MODEL', ' mistral '),
      ]),
    ).toEqual(ok({ topK: 40, maxTokens: 100, frequencyPenalty: 1, topP: 0.5, model: 'mistral' }))
  })

  it.each([
    ['max_tokens', '0', 'maxTokens', 1],
    ['max_tokens', '-50', 'maxTokens', 1],
    ['max_tokens', '2000000', 'maxTokens', 1_000_000],
    ['temperature', '-1', 'temperature', 0],
    ['temperature', '5', 'temperature', 2],
    ['top_k', '0', 'topK', 1],
    ['top_k', '5000', 'topK', 1000],
    ['top_p', '-0.1', 'topP', 0],
    ['top_p', '1.5', 'topP', 1],
    ['frequency_penalty', '-3', 'frequencyPenalty', -2],
    ['frequency_penalty', '3', 'frequencyPenalty', 2],
    ['presence_penalty', '-2.5', 'presencePenalty', -2],
    ['presence-penalty', '9', 'presencePenalty', 2],
    ['seed', '-5', 'seed', 0],
    ['seed', String(2 ** 31), 'seed', 2 ** 31 - 1],
    ['seed', '1e300', 'seed', 2 ** 31 - 1],
  ])('clamps %s %s to %s = %d', (name, value, field, expected) => {
    expect(parseParams([param(name, value)])).toEqual(ok({ [field]: expected }))
  })

  it('rounds integer params and keeps fractions of real ones', () => {
    expect(
      parseParams([
        param('max_tokens', '100.6'),
        param('top_k', '2.4'),
        param('seed', '7.5'),
        param('temperature', '0.75'),
        param('top_p', '0.125'),
      ]),
    ).toEqual(ok({ maxTokens: 101, topK: 2, seed: 8, temperature: 0.75, topP: 0.125 }))
  })

  it.each([
    ['max_tokens', 'lots', 'param max_tokens must be a number, got "lots"'],
    ['temperature', '', 'param temperature must be a number, got ""'],
    ['temperature', '   ', 'param temperature must be a number, got ""'],
    ['top-k', 'forty', 'param top_k must be a number, got "forty"'],
    ['top_p', 'NaN', 'param top_p must be a number, got "NaN"'],
    ['seed', 'Infinity', 'param seed must be a number, got "Infinity"'],
    ['frequency_penalty', '-Infinity', 'param frequency_penalty must be a number, got "-Infinity"'],
    ['max_tokens', '12abc', 'param max_tokens must be a number, got "12abc"'],
    ['presence_penalty', 'some', 'param presence_penalty must be a number, got "some"'],
  ])('refuses %s = %j', (name, value, error) => {
    expect(parseParams([param(name, value)])).toEqual(err(error))
  })

  it('refuses a numeric param with no value', () => {
    expect(parseParams([param('max_tokens')])).toEqual(
      err('param max_tokens must be a number, got ""'),
    )
  })

  it('quotes at most 40 characters of a bad value', () => {
    expect(parseParams([param('seed', 'z'.repeat(1000))])).toEqual(
      err(`param seed must be a number, got "${'z'.repeat(40)}"`),
    )
  })

  it('refuses on the first bad value even after good ones', () => {
    expect(parseParams([param('top_k', '40'), param('seed', 'x'), param('top_p', 'y')])).toEqual(
      err('param seed must be a number, got "x"'),
    )
  })

  it('ignores unknown params, a param tag without a name, and non-param tags', () => {
    expect(
      parseParams([
        param('stream', 'true'),
        param('mirostat', 'not a number'),
        param('num_ctx', 'huge'),
        ['param'],
        ['params', 'max_tokens', '5'],
        param('temperature', '1'),
      ]),
    ).toEqual(ok({ temperature: 1 }))
  })

  // Names are lower-cased and looked up in a plain object: inherited keys must not count.
  it.each(['constructor', '__proto__', 'Constructor'])(
    'ignores the unknown param %j instead of throwing',
    (name) => {
      expect(() => parseParams([param(name, '1')])).not.toThrow()
      expect(parseParams([param(name, '1'), param('seed', '3')])).toEqual(ok({ seed: 3 }))
    },
  )

  it('keeps a model name as written, ignores an empty or oversized one, the last one wins', () => {
    expect(parseParams([param('model', 'Llama3.2:3B-Instruct')])).toEqual(
      ok({ model: 'Llama3.2:3B-Instruct' }),
    )
    expect(parseParams([param('model', '')])).toEqual(ok({}))
    expect(parseParams([param('model', '   ')])).toEqual(ok({}))
    expect(parseParams([param('model')])).toEqual(ok({}))
    expect(parseParams([param('model', 'm'.repeat(200))])).toEqual(ok({ model: 'm'.repeat(200) }))
    expect(parseParams([param('model', 'm'.repeat(201))])).toEqual(ok({}))
    expect(parseParams([param('model', 'first'), param('model', 'second')])).toEqual(
      ok({ model: 'second' }),
    )
  })

  it('lets a later value of the same param win', () => {
    expect(parseParams([param('top_k', '10'), param('top-k', '20')])).toEqual(ok({ topK: 20 }))
  })

  it('collects repeated stop params in order, as sent, without duplicates', () => {
    expect(
      parseParams([
        param('stop', '\n\n'),
        param('Stop', 'User:'),
        param('stop', ' END '),
        param('stop', 'User:'),
      ]),
    ).toEqual(ok({ stop: ['\n\n', 'User:', ' END '] }))
  })

  it('ignores an empty stop and refuses an oversized one or too many, saying the limit', () => {
    expect(parseParams([param('stop', ''), param('stop')])).toEqual(ok({}))
    expect(parseParams([param('stop', 's'.repeat(MAX_STOP_CHARS))])).toEqual(
      ok({ stop: ['s'.repeat(MAX_STOP_CHARS)] }),
    )
    expect(parseParams([param('stop', 's'.repeat(MAX_STOP_CHARS + 1))])).toEqual(
      err(`param stop is ${MAX_STOP_CHARS + 1} characters; the limit is ${MAX_STOP_CHARS}`),
    )
    const many = Array.from({ length: MAX_STOPS + 1 }, (_, i) => param('stop', `s${i}`))
    expect(parseParams(many.slice(0, MAX_STOPS))).toMatchObject(ok({ stop: expect.any(Array) }))
    expect(parseParams(many)).toEqual(err(`at most ${MAX_STOPS} stop params are taken`))
  })

  it('ignores the prompt param: the request reads it as an input', () => {
    expect(parseParams([param('prompt', 'hello'), param('seed', '1')])).toEqual(ok({ seed: 1 }))
  })
})

describe('param think', () => {
  it('reads true and false as clients spell them', () => {
    expect(parseParams([param('think', 'true')])).toEqual(ok({ think: true }))
    expect(parseParams([param('think', 'FALSE')])).toEqual(ok({ think: false }))
    expect(parseParams([param('think', '0')])).toEqual(ok({ think: false }))
    expect(parseParams([param('think', 'high')])).toEqual(ok({ think: true }))
  })

  it('refuses a value that is neither, saying so', () => {
    expect(parseParams([param('think', 'maybe')])).toEqual(
      err('param think must be true or false, got "maybe"'),
    )
  })
})
