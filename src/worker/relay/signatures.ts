/**
 * Signing and verifying events: libsecp256k1 compiled to wasm (nostr-wasm, the fast path
 * nostr-tools offers through `nostr-tools/wasm`) once it has loaded, nostr-tools' pure JS
 * until then or when it cannot load (a browser without WebAssembly, a CSP without
 * 'wasm-unsafe-eval'). Both check the same things; the wasm one is several times faster, which
 * is what a provider on a busy relay spends most of its worker's time on.
 */
import { finalizeEvent as signPure, verifyEvent as verifyPure } from 'nostr-tools/pure'
import type { EventTemplate, VerifiedEvent } from 'nostr-tools/pure'
import type { NostrEvent } from '../../shared/nip90/index.ts'
import { errorText } from '../../shared/result.ts'

interface Fast {
  finalizeEvent(t: EventTemplate, secretKey: Uint8Array): VerifiedEvent
  verifyEvent(event: NostrEvent): boolean
}

let fast: Fast | null = null
let loading: Promise<'wasm' | string> | undefined

/**
 * Loads the wasm signer once (its own chunk, fetched after the worker has started); resolves
 * with 'wasm', or with why it could not, and never rejects: the pure-JS path stays.
 */
export const loadFastSignatures = (): Promise<'wasm' | string> =>
  (loading ??= Promise.all([import('nostr-wasm/gzipped'), import('nostr-tools/wasm')]).then(
    async ([{ initNostrWasm }, wasm]) => {
      wasm.setNostrWasm(await initNostrWasm())
      fast = wasm
      return 'wasm' as const
    },
    (e: unknown) => errorText(e),
  ))

/** Which implementation signs and verifies now. */
export const signatureEngine = (): 'wasm' | 'js' => (fast ? 'wasm' : 'js')

/** A signed copy of `template` (the template itself is left as it was). */
export const signEvent = (template: EventTemplate, secretKey: Uint8Array): VerifiedEvent => {
  // Both fill in the object they are given: sign a copy of the four fields.
  const { kind, created_at, tags, content } = template
  return (fast?.finalizeEvent ?? signPure)({ kind, created_at, tags, content }, secretKey)
}

/** The id is the event's hash and the signature its author's; never throws. */
export const verifySignature = (event: NostrEvent): boolean => {
  try {
    return fast ? fast.verifyEvent(event) : verifyPure(event)
  } catch {
    return false
  }
}
