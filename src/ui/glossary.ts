/**
 * The few words of Nostr and the web a seller cannot avoid, each said once in plain words
 * and shown where the word is (a help line, referenced by aria-describedby).
 */
export const GLOSSARY = {
  npub: 'a Nostr public key, who someone is, safe to share',
  nsec: 'a Nostr secret key: whoever has it can act as this provider; never share it',
  CORS: "the browser's rule that a page may only call a server that allows the page's address; Ollama allows those listed in OLLAMA_ORIGINS",
  'NIP-89':
    'the Nostr announcement that tells customers this provider exists, what it sells and at what price',
} as const

export type Jargon = keyof typeof GLOSSARY

const SPOTTED: Record<Jargon, RegExp> = {
  npub: /\bnpub/,
  nsec: /\bnsec/,
  CORS: /\bCORS\b/,
  'NIP-89': /\bNIP-89\b/,
}

/** The words of the glossary that a text uses, in the glossary's order. */
export const jargonIn = (text: string): Jargon[] =>
  (Object.keys(SPOTTED) as Jargon[]).filter((word) => SPOTTED[word].test(text))

/** One help line for those words: "NIP-89: the Nostr announcement …; npub: …." */
export const explain = (words: readonly Jargon[]): string =>
  words.map((w) => `${w}: ${GLOSSARY[w]}`).join('; ') + (words.length > 0 ? '.' : '')
