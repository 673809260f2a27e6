import type { EventTemplate, JobRequest } from './types.ts'
import type { FeedbackStatus } from './kinds.ts'
import { KIND_FEEDBACK, KIND_TEXT_RESULT } from './kinds.ts'
import type { TokenUsage } from '../job-state.ts'

/** Encrypts a reply's private part for the customer, in the scheme of their request. */
export type Seal = (plaintext: string) => string

export interface FeedbackOptions {
  status: FeedbackStatus
  /** Human text: every refusal and failure says why. */
  text: string
  /** The text so far, for `partial`. */
  content?: string
  amount?: { msats: number; bolt11?: string }
  now: number
}

/** A status text with what the provider left out of the request, so the customer hears it. */
export const withNotes = (text: string, notes: readonly string[] = []): string =>
  notes.length === 0 ? text : `${text} (${notes.join('; ')})`

type RequestRef = Pick<JobRequest, 'id' | 'customer' | 'encryption'>

const sealWith = (request: RequestRef, seal: Seal | undefined): Seal => {
  if (!seal) throw new Error(`the reply to encrypted request ${request.id} needs a seal`)
  return seal
}

/** NIP-31: words for clients that do not know the kind. Nothing private goes in them. */
const FEEDBACK_ALT = 'Feedback on a text-generation job (NIP-90)'
const RESULT_ALT = 'Result of a text-generation job (NIP-90)'

/**
 * Kind 7000 feedback. For an encrypted request only `encrypted`, `e`, `p` and a status-free
 * `alt` stay in the clear; status, amount (with its bolt11) and the partial text travel as a
 * JSON array of tags in the sealed content: what NDK's `dvmDecrypt` parses and nostrdvm sends.
 */
export const buildFeedback = (
  request: RequestRef,
  o: FeedbackOptions,
  seal?: Seal,
): EventTemplate => {
  const status = ['status', o.status, o.text]
  const amount = !o.amount
    ? []
    : [
        o.amount.bolt11
          ? ['amount', String(o.amount.msats), o.amount.bolt11]
          : ['amount', String(o.amount.msats)],
      ]
  const ids = [
    ['e', request.id],
    ['p', request.customer],
  ]
  const base = { kind: KIND_FEEDBACK, created_at: o.now }
  if (!request.encryption) {
    const tags = [status, ...ids, ...amount, ['alt', `${FEEDBACK_ALT}: ${o.status}`]]
    return { ...base, tags, content: o.content ?? '' }
  }
  const secret = [status, ...amount, ...(o.content ? [['content', o.content]] : [])]
  return {
    ...base,
    tags: [['encrypted'], ...ids, ['alt', FEEDBACK_ALT]],
    content: sealWith(request, seal)(JSON.stringify(secret)),
  }
}

export interface ResultOptions {
  /** The generated text, in the clear: sealed here for an encrypted request. */
  content: string
  model: string
  modelDigest?: string
  usage?: TokenUsage
  amountMsats?: number
  relayHint?: string
  now: number
}

/**
 * Kind 6050 result. The request is echoed in every case: an encrypted one holds only its
 * ciphertext. Its input tags are echoed only when in the clear (encrypted, they are private).
 */
export const buildResult = (
  request: Pick<JobRequest, 'id' | 'customer' | 'encryption' | 'inputTags' | 'event'>,
  o: ResultOptions,
  seal?: Seal,
): EventTemplate => {
  const e = o.relayHint ? ['e', request.id, o.relayHint] : ['e', request.id]
  const echo = ['request', JSON.stringify(request.event)]
  const tags: string[][] = request.encryption
    ? [echo, e, ['p', request.customer], ['encrypted']]
    : [echo, e, ...request.inputTags, ['p', request.customer]]
  if (o.amountMsats !== undefined && o.amountMsats > 0) tags.push(['amount', String(o.amountMsats)])
  tags.push(o.modelDigest ? ['model', o.model, o.modelDigest] : ['model', o.model])
  if (o.usage) tags.push(['usage', String(o.usage.promptTokens), String(o.usage.completionTokens)])
  tags.push(['alt', RESULT_ALT])
  const content = request.encryption ? sealWith(request, seal)(o.content) : o.content
  return { kind: KIND_TEXT_RESULT, created_at: o.now, tags, content }
}
