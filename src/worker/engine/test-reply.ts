import { KIND_FEEDBACK, KIND_TEXT_RESULT, type NostrEvent } from '../../shared/nip90/index.ts'

/** What one reply from the provider means for a test job that waits on it. */
export type TestReply =
  | { kind: 'result'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'payment-required'; msats: number }
  | { kind: 'working' }

const tag = (event: NostrEvent, name: string) => event.tags.find((t) => t[0] === name)

/** A reply to `requestId` from `provider`, read; anything else is null. */
export const readTestReply = (
  event: NostrEvent,
  requestId: string,
  provider: string,
): TestReply | null => {
  if (event.pubkey !== provider) return null
  if (!event.tags.some((t) => t[0] === 'e' && t[1] === requestId)) return null
  if (event.kind === KIND_TEXT_RESULT) return { kind: 'result', text: event.content }
  if (event.kind !== KIND_FEEDBACK) return null
  const [, status = '', words = ''] = tag(event, 'status') ?? []
  if (status === 'error') return { kind: 'error', text: words || 'no reason given' }
  if (status === 'payment-required') {
    return { kind: 'payment-required', msats: Number(tag(event, 'amount')?.[1] ?? 0) || 0 }
  }
  return { kind: 'working' }
}
