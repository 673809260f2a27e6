import { describe, expect, it } from 'vitest'
import { isFree, quoteMsats } from './pricing.ts'

const prices = (pricePerJobSats: number, pricePer1kTokensSats: number, maxTokensCap = 4096) => ({
  pricePerJobSats,
  pricePer1kTokensSats,
  maxTokensCap,
})

describe('quoteMsats', () => {
  it('is 0 for a free service, whatever is asked', () => {
    expect(quoteMsats(prices(0, 0), 1)).toBe(0)
    expect(quoteMsats(prices(0, 0), 100_000)).toBe(0)
    expect(quoteMsats(prices(0, 0), undefined)).toBe(0)
  })

  it('charges the base price per job in msats', () => {
    expect(quoteMsats(prices(10, 0), 500)).toBe(10_000)
    expect(quoteMsats(prices(10, 0), undefined)).toBe(10_000)
  })

  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [2000, 2],
    [2500, 3],
    [4096, 5],
  ])(
    'charges per started 1,000 tokens: max_tokens %i is %i thousand(s)',
    (maxTokens, thousands) => {
      expect(quoteMsats(prices(0, 3), maxTokens)).toBe(3 * thousands * 1000)
    },
  )

  it('adds base and per-1k prices', () => {
    // 10 + 3 x ceil(2500 / 1000) = 19 sats
    expect(quoteMsats(prices(10, 3), 2500)).toBe(19_000)
  })

  it('uses the cap when max_tokens is not given', () => {
    expect(quoteMsats(prices(1, 2, 4096), undefined)).toBe((1 + 2 * 5) * 1000)
    expect(quoteMsats(prices(1, 2, 1000), undefined)).toBe((1 + 2 * 1) * 1000)
  })

  it('never charges for more tokens than the cap', () => {
    expect(quoteMsats(prices(1, 2, 4096), 1_000_000)).toBe((1 + 2 * 5) * 1000)
    expect(quoteMsats(prices(0, 1, 2000), 2001)).toBe(2000)
  })

  it('charges only the base for 0 or negative max_tokens', () => {
    expect(quoteMsats(prices(7, 3), 0)).toBe(7000)
    expect(quoteMsats(prices(7, 3), -500)).toBe(7000)
  })
})

describe('isFree', () => {
  it('is free only when both prices are 0', () => {
    expect(isFree(prices(0, 0))).toBe(true)
    expect(isFree(prices(1, 0))).toBe(false)
    expect(isFree(prices(0, 1))).toBe(false)
    expect(isFree(prices(5, 5))).toBe(false)
  })
})

describe('prices per model', () => {
  const settings = {
    ...prices(2, 1),
    modelPrices: { 'llama3:70b': { perJobSats: 50, per1kTokensSats: 5 } },
  }

  it('quotes a job at the price of the model that runs it, others at the defaults', () => {
    expect(quoteMsats(settings, 1000, 0, 'llama3:70b')).toBe(55_000)
    expect(quoteMsats(settings, 1000, 0, 'llama3.2:1b')).toBe(3_000)
    expect(quoteMsats(settings, 1000)).toBe(3_000)
  })

  it('knows a model by its :latest spelling too', () => {
    const latest = {
      ...prices(0, 0),
      modelPrices: { mistral: { perJobSats: 7, per1kTokensSats: 0 } },
    }
    expect(quoteMsats(latest, 10, 0, 'mistral:latest')).toBe(7_000)
  })

  it('is not free while any model has a price of its own', () => {
    expect(isFree({ ...prices(0, 0), modelPrices: {} })).toBe(true)
    expect(isFree({ ...prices(0, 0), modelPrices: settings.modelPrices })).toBe(false)
    const zero = { m: { perJobSats: 0, per1kTokensSats: 0 } }
    expect(isFree({ ...prices(0, 0), modelPrices: zero })).toBe(true)
  })
})
