import { generateMnemonic as generateBip39, validateMnemonic as validateBip39 } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'

/**
 * Recovery phrases, offline and without the SDK: the same BIP-39 English wordlist and
 * library the SDK uses itself. We always make the phrase ourselves, so it can be encrypted
 * and stored before the first network call, and is never lost if that call fails.
 */

export const generateMnemonic = (words: 12 | 24 = 12): string =>
  generateBip39(wordlist, words === 24 ? 256 : 128)

/** One space between lowercase words: how people paste phrases is not how BIP-39 reads them. */
export const normalizeMnemonic = (phrase: string): string =>
  phrase.normalize('NFKD').trim().toLowerCase().split(/\s+/).join(' ')

/** 12 to 24 words from the list, with a valid checksum. */
export const validateMnemonic = (phrase: string): boolean =>
  validateBip39(normalizeMnemonic(phrase), wordlist)
