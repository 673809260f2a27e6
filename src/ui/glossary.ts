/**
 * The few words of Nostr and the web a seller cannot avoid, each said once in plain words
 * and shown where the word is (a help line, referenced by aria-describedby).
 */
export const GLOSSARY = {
  npub: 'a Nostr public key: who someone is on Nostr, safe to share.',
  nsec: 'a Nostr secret key: whoever has it can act as this provider. Never share it.',
  CORS: "the browser's rule that a web page may only call a server that allows the page's address; Ollama allows the addresses listed in OLLAMA_ORIGINS.",
  'NIP-89':
    'the Nostr announcement that tells customers this provider exists, what it sells and at what price.',
} as const

export type Jargon = keyof typeof GLOSSARY
