import type { Remote } from 'comlink'
import { errorText } from '../shared/result.ts'
import type { SetupLinkValues } from '../shared/setup-link.ts'
import type { EngineApi } from '../shared/worker-api.ts'
import { setupLinkErrorAtom, setupLinkReviewAtom } from './state/engine-atoms.ts'
import type { Store } from './state/store.ts'

export type SetupLink = SetupLinkValues

/**
 * A setup link hands over relays and an Ollama URL: `?relays=wss://a,wss://b&ollama=http://..`.
 * Relays may be separated by commas or newlines; they go on as one per line.
 */
export const readSetupLink = (search: string): SetupLink | null => {
  const params = new URLSearchParams(search)
  const relays = params.get('relays')
  const ollamaUrl = params.get('ollama')
  if (relays === null && ollamaUrl === null) return null
  const link: SetupLink = {}
  if (relays !== null) {
    link.relays = relays
      .split(/[,\n]/)
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .join('\n')
  }
  if (ollamaUrl !== null) link.ollamaUrl = ollamaUrl.trim()
  return link
}

const forgetSetupLink = (): void => {
  const url = new URL(window.location.href)
  url.searchParams.delete('relays')
  url.searchParams.delete('ollama')
  window.history.replaceState(window.history.state, '', url)
}

/**
 * The link in this page's URL, if any: handed to the engine, then out of the address bar.
 * The engine applies it only on a first run; otherwise it waits, shown, for a yes
 * (SetupLinkReview).
 */
export const applySetupLink = async (api: Remote<EngineApi>, store: Store): Promise<void> => {
  const link = readSetupLink(window.location.search)
  if (link === null) return
  try {
    const result = await api.applySetupLink(link)
    if (!result.ok) {
      const reasons = Object.values(result.error).filter((r) => r !== undefined)
      store.set(setupLinkErrorAtom, `The setup link was not applied: ${reasons.join('; ')}`)
    } else if (!result.value.applied && result.value.changes.length > 0) {
      store.set(setupLinkReviewAtom, { link, review: result.value })
    }
  } catch (e) {
    store.set(setupLinkErrorAtom, `The setup link was not applied: ${errorText(e)}`)
  } finally {
    forgetSetupLink()
  }
}
