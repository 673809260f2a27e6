import { describe, expect, it } from 'vitest'
import { explain, GLOSSARY, jargonIn } from './glossary.ts'

describe('the glossary', () => {
  it('spots the words a line uses, npubs and nsecs included', () => {
    expect(jargonIn('announced 2 model(s) (NIP-89)')).toEqual(['NIP-89'])
    expect(jargonIn('job 1a2b accepted from npub1abcde…wxyz')).toEqual(['npub'])
    expect(jargonIn('Blocked by CORS; paste your nsec1… here')).toEqual(['nsec', 'CORS'])
    expect(jargonIn('NIP-890 and corsage and snpub')).toEqual([])
  })

  it('explains them in one line, and says nothing for none', () => {
    expect(explain(['NIP-89'])).toBe(`NIP-89: ${GLOSSARY['NIP-89']}.`)
    expect(explain(['npub', 'CORS'])).toBe(`npub: ${GLOSSARY.npub}; CORS: ${GLOSSARY.CORS}.`)
    expect(explain([])).toBe('')
  })
})
