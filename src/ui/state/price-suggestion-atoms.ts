import { atom } from 'jotai'

/**
 * A base price the Market pane suggested, waiting for the Settings form to take it into its
 * draft. Nothing is saved by it: the person reads the form and presses Save.
 */
export const priceSuggestionAtom = atom<number | null>(null)
