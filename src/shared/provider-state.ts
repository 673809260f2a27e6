/**
 * The provider's own life, as data: which moves are allowed between offline and online. The
 * engine moves only along this table, so a state it shows is one it can explain.
 */
import { err, ok, type Result } from './result.ts'

export const PROVIDER_STATES = [
  'offline',
  'going-online',
  'online',
  'going-offline',
  'serving-elsewhere',
] as const

export type ProviderState = (typeof PROVIDER_STATES)[number]

const MOVES: Record<ProviderState, readonly ProviderState[]> = {
  offline: ['going-online'],
  // The serve lock decides: ours (online) or another tab's (serving elsewhere); a model that
  // will not load leaves it offline. Go Offline may be pressed while it is still going online.
  'going-online': ['online', 'serving-elsewhere', 'offline', 'going-offline'],
  online: ['going-offline'],
  // Accepted jobs finish first; then the relays close.
  'going-offline': ['offline'],
  // The other tab closed: serve from here, or stay offline if the person went offline there;
  // Go Online and Go Offline still work from here.
  'serving-elsewhere': ['online', 'offline', 'going-online', 'going-offline'],
}

export const canMove = (from: ProviderState, to: ProviderState): boolean => MOVES[from].includes(to)

/** The next state, or why the provider cannot go there from where it is. */
export const moveProvider = (from: ProviderState, to: ProviderState): Result<ProviderState> =>
  canMove(from, to) ? ok(to) : err(`the provider cannot go from ${from} to ${to}`)

/** New jobs are taken only while online. */
export const isAccepting = (state: ProviderState): boolean => state === 'online'
