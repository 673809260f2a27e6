/**
 * A setup link (`?relays=..&ollama=..`) is text anyone can send: it may point the provider at
 * an attacker's "Ollama" (who then reads every prompt and writes the answers the provider
 * signs) or at relays that cut it off. So a link only says what it would change; it applies
 * by itself only on a first run, and only when nothing about it needs a warning.
 */
import type { Settings } from './settings.ts'

export interface SetupLinkValues {
  relays?: string
  ollamaUrl?: string
}

/** One setting the link would change, named as the Settings pane names it. */
export interface SetupLinkChange {
  setting: 'Relays' | 'Ollama URL'
  before: string[]
  after: string[]
}

export interface SetupLinkReview {
  changes: SetupLinkChange[]
  /** Plain words about what could go wrong; any warning means the person must confirm. */
  warnings: string[]
  /** True when the link's settings are saved now. */
  applied: boolean
}

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/** Whether a URL names this computer (loopback), not another machine on the LAN or beyond. */
export const isOnThisMachine = (url: string): boolean => {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    LOOPBACK_V4.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  )
}

/** What would change from `before` to `after`, and what to warn about. */
export const reviewSetupLink = (
  before: Settings,
  after: Settings,
): Omit<SetupLinkReview, 'applied'> => {
  const changes: SetupLinkChange[] = []
  if (before.relays.join('\n') !== after.relays.join('\n'))
    changes.push({ setting: 'Relays', before: before.relays, after: after.relays })
  const warnings: string[] = []
  if (before.ollamaUrl !== after.ollamaUrl) {
    changes.push({ setting: 'Ollama URL', before: [before.ollamaUrl], after: [after.ollamaUrl] })
    if (!isOnThisMachine(after.ollamaUrl))
      warnings.push(
        `${after.ollamaUrl} is not on this computer. Every customer's prompt would be sent ` +
          'there, and whatever it answers would be published signed with your provider key. ' +
          'Apply it only if you run that Ollama yourself.',
      )
  }
  return { changes, warnings }
}

/** Whether the link may apply without asking: a first run, and nothing to warn about. */
export const appliesSilently = (
  review: Omit<SetupLinkReview, 'applied'>,
  hasSavedSettings: boolean,
): boolean => !hasSavedSettings && review.warnings.length === 0
