import type { OllamaState, ProviderState, WalletState } from '../shared/worker-api.ts'
import type { Tone } from './components/readiness-line.tsx'

export const OLLAMA_WORDS: Record<OllamaState, { words: string; tone: Tone }> = {
  checking: { words: 'Checking...', tone: 'busy' },
  ready: { words: 'Ready', tone: 'good' },
  'no-models': { words: 'No models installed', tone: 'bad' },
  unreachable: { words: 'Unreachable', tone: 'bad' },
  blocked: { words: 'Blocked by CORS', tone: 'bad' },
  error: { words: 'Error', tone: 'bad' },
}

/**
 * A first run sells for free (both prices 0). Said plainly and not in green: it is a choice the
 * person may not know they made, not a state to be pleased about.
 */
export const SELLING_FREE = 'You are selling for free'

export const WALLET_WORDS: Record<WalletState, { words: string; tone: Tone }> = {
  'not-needed': { words: SELLING_FREE, tone: 'idle' },
  'not-connected': { words: 'Not connected', tone: 'idle' },
  connecting: { words: 'Connecting...', tone: 'busy' },
  ready: { words: 'Ready', tone: 'good' },
  error: { words: 'Error', tone: 'bad' },
}

export const PROVIDER_WORDS: Record<ProviderState, { words: string; tone: Tone }> = {
  offline: { words: 'Offline', tone: 'idle' },
  'going-online': { words: 'Connecting...', tone: 'busy' },
  online: { words: 'Online', tone: 'good' },
  'going-offline': { words: 'Going offline...', tone: 'busy' },
  'serving-elsewhere': { words: 'Serving in another tab', tone: 'idle' },
}
